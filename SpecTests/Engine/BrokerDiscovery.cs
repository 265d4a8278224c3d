using System.Text.Json;
using System.Text.Json.Nodes;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Tokens;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>Reads the broker's discovery document, JWKS and Keycloak realm document into <see cref="BrokerFacts"/>.</summary>
public static class BrokerDiscovery
{
    public static async Task<BrokerFacts> ReadAsync(HarnessHttp http, string realmUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var facts = BrokerFacts.Conventional(realmUrl);
        var discovery = await http.GetAsync($"{facts.RealmUrl}/.well-known/openid-configuration", cancellationToken: cancellationToken);
        if (discovery.Status is null)
        {
            throw new SpecRunException($"--broker {facts.RealmUrl} is unreachable ({discovery.Failure}): start the broker or fix the realm URL.");
        }

        var json = Parse(discovery.ResponseBody);
        if (discovery.Status != 200 || json is null)
        {
            throw new SpecRunException($"--broker {facts.RealmUrl}: GET .well-known/openid-configuration answered {discovery.Status}, not a discovery document: is this the realm URL ({{server}}/realms/{{realm}})?");
        }

        facts = facts with
        {
            DiscoveredIssuer = Text(json, "issuer"),
            AuthorizationEndpoint = Text(json, "authorization_endpoint") ?? facts.AuthorizationEndpoint,
            TokenEndpoint = Text(json, "token_endpoint") ?? facts.TokenEndpoint,
            EndSessionEndpoint = Text(json, "end_session_endpoint") ?? facts.EndSessionEndpoint,
        };
        var jwks = await http.GetAsync(Text(json, "jwks_uri") ?? $"{facts.RealmUrl}/protocol/openid-connect/certs", cancellationToken: cancellationToken);
        var realm = await http.GetAsync(facts.RealmUrl, cancellationToken: cancellationToken);
        return facts with
        {
            Jwks = Jwks.Parse(jwks.Status == 200 ? jwks.ResponseBody : null),
            RealmPublicKey = realm.Status == 200 && Parse(realm.ResponseBody) is { } r ? Text(r, "public_key") : null,
        };
    }

    /// <summary>An issuer's discovery document and JWKS (the upstream IdP's, for step 11), or nulls.</summary>
    public static async Task<(string? Issuer, Jwks? Jwks)> ReadIssuerAsync(HarnessHttp http, string origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var discovery = await http.GetAsync($"{origin.TrimEnd('/')}/.well-known/openid-configuration", cancellationToken: cancellationToken);
        if (discovery.Status != 200 || Parse(discovery.ResponseBody) is not { } json)
        {
            return (null, null);
        }

        var jwks = Text(json, "jwks_uri") is { } uri ? await http.GetAsync(uri, cancellationToken: cancellationToken) : null;
        return (Text(json, "issuer"), jwks?.Status == 200 ? Jwks.Parse(jwks.ResponseBody) : null);
    }

    internal static JsonObject? Parse(string? body)
    {
        try
        {
            return JsonNode.Parse(body ?? "") as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static string? Text(JsonObject json, string name) => DecodedJwt.Text(json, name);
}
