using PbenchAuthSpec.MockBroker.Fixtures;
using PbenchAuthSpec.MockBroker.Hosting;

namespace PbenchAuthSpec.MockBroker.Endpoints;

/// <summary>
/// CORS as Keycloak does it: a request from a registered web origin gets that origin back with
/// credentials allowed (keycloak-js fetches with <c>credentials: 'include'</c>); any other origin
/// gets no CORS header at all, so the browser refuses to hand the response to the page.
/// </summary>
internal sealed class BrokerCors(BrokerContext broker)
{
    private const string AllowedHeaders = "Origin, Accept, X-Requested-With, Content-Type, Access-Control-Request-Method, Access-Control-Request-Headers, Authorization, DPoP";

    /// <summary>For endpoints bound to one client (token, logout): that client's web origins.</summary>
    public void ForClient(HttpContext http, Realm realm, ClientFixture? client) =>
        Allow(http, realm, origin => client is not null && ClientRules.IsWebOrigin(client, broker.Stack, origin));

    /// <summary>
    /// Public realm documents (JWKS, discovery, realm info): Keycloak allows every origin, with
    /// credentials (services/src/main/java/org/keycloak/protocol/oidc/OIDCLoginProtocolService.java certs,
    /// services/resources/PublicRealmResource.java, RealmsResource.java getWellKnown: allowAllOrigins().auth()).
    /// </summary>
    public void ForAnyOrigin(HttpContext http, Realm realm) => Allow(http, realm, _ => true);

    /// <summary>For the realm's other answers (errors before a client is known, preflights): any client's web origin.</summary>
    public void ForRealm(HttpContext http, Realm realm) =>
        Allow(http, realm, origin => realm.Clients.Values.Any(c => ClientRules.IsWebOrigin(c, broker.Stack, origin)));

    /// <summary>Userinfo: Keycloak trusts the access token's <c>allowed-origins</c>.</summary>
    public void ForOrigins(HttpContext http, Realm realm, IReadOnlyList<string> allowed) =>
        Allow(http, realm, origin => allowed.Contains("*") || allowed.Contains(origin, StringComparer.OrdinalIgnoreCase));

    /// <summary>Fetch §3.2.2: a preflight from a realm's web origin is answered; others get a bare 200.</summary>
    public Task PreflightAsync(HttpContext http, Realm? realm)
    {
        if (realm is not null)
        {
            ForRealm(http, realm);
            if (http.Response.Headers.ContainsKey("Access-Control-Allow-Origin"))
            {
                http.Response.Headers.AccessControlAllowMethods = "GET, HEAD, POST, OPTIONS";
                http.Response.Headers.AccessControlAllowHeaders = AllowedHeaders;
                http.Response.Headers.AccessControlMaxAge = "3600";
            }
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        return Task.CompletedTask;
    }

    private void Allow(HttpContext http, Realm realm, Func<string, bool> allowed)
    {
        var origin = http.Request.Headers.Origin.ToString();
        http.Response.Headers.Vary = "Origin";
        if (origin.Length == 0 || origin.Length > 512 || broker.Fault(realm, BrokerFaults.NoCors) || !allowed(origin))
        {
            return;
        }

        http.Response.Headers.AccessControlAllowOrigin = origin;
        http.Response.Headers.AccessControlAllowCredentials = "true";
    }
}
