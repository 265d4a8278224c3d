using System.Text.Json.Nodes;
using PbenchAuthSpec.StandIns;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.SpecTests.Tests.UpstreamIdp.Support;

/// <summary>
/// The embedded stack brokering oidc-provider instead of MockIdp, set up as a person would (docs/foreign-broker.md,
/// "Using another identity provider"): a copy of fixtures/broker.json whose identity provider
/// points at the provider's issuer, and a copy of playwright.config.json whose <c>idpPage</c>
/// selectors fit oidc-provider's own login and consent pages.
/// </summary>
public sealed class UpstreamIdpSetup : IAsyncDisposable
{
    public const string Alias = "oidc-provider";

    private static readonly Lazy<string> Folder = new(() => Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"pbench-auth-spec-upstream-idp-{Environment.ProcessId}")).FullName);

    private UpstreamIdpSetup(OidcProvider provider, StandInStack stack)
    {
        Provider = provider;
        Stack = stack;
    }

    public OidcProvider Provider { get; }

    public StandInStack Stack { get; }

    /// <summary>A playwright.config.json copy for oidc-provider's pages (its dev login takes any password).</summary>
    public static string ConfigFile { get; } = WriteConfig();

    /// <param name="pkce">The broker's "Use PKCE" for the provider (S256).</param>
    public static async Task<UpstreamIdpSetup> StartAsync(string variant = "userinfo", string auth = "client_secret_basic", IReadOnlyCollection<string>? defects = null, bool pkce = true, string targetHost = "127.0.0.1")
    {
        var provider = await OidcProvider.StartAsync(variant, auth);
        try
        {
            var stack = await StandInStack.StartAsync(new StandInStackOptions
            {
                IdpIssuer = provider.Issuer, BrokerFixture = WriteBrokerFixture(auth, pkce), Defects = defects ?? [], TargetHost = targetHost,
            });
            var idp = stack.IdentityProviders().Single(p => p.Alias == Alias);
            await provider.RegisterBrokerAsync(idp.RedirectUri, $"{stack.RealmUrl}/protocol/openid-connect/certs");
            return new UpstreamIdpSetup(provider, stack);
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Stack.DisposeAsync();
        await Provider.DisposeAsync();
    }

    // The realm pbench-server brokers oidc-provider: Keycloak's realm-export shape, {idp} resolved to its issuer.
    private static string WriteBrokerFixture(string auth, bool pkce)
    {
        var fixture = JsonNode.Parse(File.ReadAllText(FixturePaths.File("broker.json")))!;
        foreach (var realm in fixture["realms"]!.AsArray())
        {
            if (realm!["signingKey"]?.GetValue<string>() is { } key)
            {
                realm["signingKey"] = FixturePaths.File(key);
            }

            if (realm["realm"]!.GetValue<string>() != "pbench-server")
            {
                continue;
            }

            realm["identityProviders"] = new JsonArray(new JsonObject
            {
                ["alias"] = Alias,
                ["displayName"] = "oidc-provider",
                ["providerId"] = "oidc",
                ["trustEmail"] = true,
                ["config"] = new JsonObject
                {
                    ["issuer"] = "{idp}", ["clientId"] = "pbench-broker", ["clientSecret"] = "pbench-broker-secret", ["clientAuthMethod"] = auth,
                    ["defaultScope"] = "openid profile email", ["validateSignature"] = "true", ["useJwksUrl"] = "true",
                    ["pkceEnabled"] = pkce ? "true" : "false", ["pkceMethod"] = "S256", ["syncMode"] = "LEGACY",
                },
            });
            realm["identityProviderMappers"] = new JsonArray();
        }

        var path = Path.Combine(Folder.Value, $"broker-{auth}-{pkce}-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, fixture.ToJsonString());
        return path;
    }

    private static string WriteConfig()
    {
        var root = Path.GetDirectoryName(FixturePaths.Directory)!;
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "playwright.config.json")))!;
        // oidc-provider's development interactions: one form per prompt, told apart by its hidden "prompt" input.
        config["idpPage"] = new JsonObject
        {
            ["username"] = "input[name=\"login\"]",
            ["password"] = "input[name=\"password\"]",
            ["submit"] = "form:has(input[name=\"prompt\"][value=\"login\"]) button[type=\"submit\"]",
            ["error"] = "#error",
            ["consentAllow"] = "form:has(input[name=\"prompt\"][value=\"consent\"]) button[type=\"submit\"]",
            ["brokerClientId"] = "pbench-broker",
        };
        config["brokerPage"]!["idpAlias"] = Alias;
        config["catalogue"] = FixturePaths.File("targets", "reference-server.json");
        var path = Path.Combine(Folder.Value, "playwright.config.json");
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }
}
