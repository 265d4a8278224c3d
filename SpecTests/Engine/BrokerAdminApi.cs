using System.Text.Json;
using System.Text.Json.Nodes;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Settings;
using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>
/// The broker's Keycloak admin REST API, with a master-realm token from <c>admin-cli</c> (one login
/// per run): what steps 5 and 11 compare with, read the same way whoever started the broker. Every
/// problem names the credentials used and where they came from.
/// </summary>
public sealed class BrokerAdminApi(HarnessHttp http, BrokerFacts broker, BrokerAdminCredentials admin)
{
    private Task<(string? Token, string? Problem)>? _login;

    /// <summary>Why the admin API cannot be used (no credentials, login refused), or null.</summary>
    public async Task<string?> ProblemAsync(CancellationToken cancellationToken) => (await LoginAsync(cancellationToken)).Problem;

    /// <summary>GET of an admin path under <c>/admin/realms/{realm}</c>; null unless it answered 200 with JSON.</summary>
    public async Task<JsonNode?> GetAsync(string path, CancellationToken cancellationToken)
    {
        if ((await LoginAsync(cancellationToken)).Token is null)
        {
            return null;
        }

        var e = await SendAsync(HttpMethod.Get, path, null, cancellationToken) ?? throw new InvalidOperationException("no admin token");
        try
        {
            return e.Status == 200 ? JsonNode.Parse(e.ResponseBody ?? "") : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// A write under <c>/admin/realms/{realm}</c> (JSON body, or none); null when there is no admin
    /// token. An expired admin token (Keycloak's admin-cli tokens live a minute) is renewed once.
    /// </summary>
    public async Task<Exchange?> SendAsync(HttpMethod method, string path, string? json, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if ((await LoginAsync(cancellationToken)).Token is not { } token)
            {
                return null;
            }

            var e = await http.SendJsonAsync(method, $"{broker.BaseUrl}/admin/realms/{broker.Realm}{path}", json, token, cancellationToken);
            if (e.Status != 401 || attempt > 0)
            {
                return e;
            }

            _login = null;
        }
    }

    /// <summary>
    /// The broker's client id at the identity provider <paramref name="alias"/> (Keycloak's
    /// <c>identity-provider/instances/{alias}</c>, <c>config.clientId</c>); null when not readable.
    /// </summary>
    public async Task<string?> IdentityProviderClientIdAsync(string alias, CancellationToken cancellationToken) =>
        await GetAsync($"/identity-provider/instances/{Uri.EscapeDataString(alias)}", cancellationToken) is JsonObject idp
        && idp["config"] is JsonObject config
        && config["clientId"] is JsonValue value && value.TryGetValue(out string? clientId) && clientId.Length > 0
            ? clientId
            : null;

    private Task<(string? Token, string? Problem)> LoginAsync(CancellationToken cancellationToken) => _login ??= LoginOnceAsync(cancellationToken);

    private async Task<(string? Token, string? Problem)> LoginOnceAsync(CancellationToken cancellationToken)
    {
        if (admin.Credential is not { } credential)
        {
            return (null, $"no broker admin credentials, {admin.Source}: the broker's admin API is not used");
        }

        var login = await http.PostFormAsync($"{broker.BaseUrl}/realms/master/protocol/openid-connect/token", new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = "admin-cli", ["username"] = credential.Username, ["password"] = credential.Password!,
        }, cancellationToken);
        return TokenSet.Parse(login.ResponseBody).AccessToken is { } token && login.Status == 200
            ? (token, null)
            : (null, $"the broker's admin login (realm master, admin-cli, {credential.Username}: {admin.Source}) answered {Steps.StatusText(login)}");
    }
}
