using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.MockBroker.Tokens;

namespace PbenchAuthSpec.MockBroker.Endpoints;

/// <summary>The realm's public documents: the realm endpoint Pbench reads, discovery and the JWKS.</summary>
internal sealed class RealmEndpoints(BrokerContext broker, BrokerCors cors)
{
    private readonly ConcurrentDictionary<string, byte[]> _discovery = new(StringComparer.Ordinal);

    public void Map(WebApplication app, IEndpointRouteBuilder realms)
    {
        realms.MapGet(RealmRoutes.RealmDocument, (HttpContext http) => RealmInfoAsync(http, RealmRoutes.Of(http)));
        realms.MapGet(RealmRoutes.Discovery, (HttpContext http) => DiscoveryAsync(http, RealmRoutes.Of(http)));
        realms.MapGet(RealmRoutes.Certs, (HttpContext http) => CertsAsync(http, RealmRoutes.Of(http)));
        // Browsers ask every origin for a favicon; an empty answer keeps a 404 out of their consoles.
        app.MapGet("/favicon.ico", (HttpContext http) =>
        {
            http.Response.StatusCode = StatusCodes.Status204NoContent;
            http.Response.Headers.CacheControl = "max-age=86400";
        });
        foreach (var path in new[] { RealmRoutes.RealmDocument, RealmRoutes.Discovery, RealmRoutes.AnyTokenService })
        {
            // Outside the realm group: a preflight for an unknown realm is answered by CORS, not 404.
            app.MapMethods(RealmRoutes.Prefix + path, ["OPTIONS"], (HttpContext http, string realm) => cors.PreflightAsync(http, broker.Realm(realm)));
        }
    }

    /// <summary>Keycloak's realm representation for adapters; Pbench reads <c>public_key</c> from it.</summary>
    private Task RealmInfoAsync(HttpContext http, Realm realm)
    {
        cors.ForAnyOrigin(http, realm);
        var info = new JsonObject
        {
            ["realm"] = realm.Name,
            ["public_key"] = realm.Keys.ActiveKey.PublicKeyDerBase64,
            ["token-service"] = realm.Urls.TokenService,
            ["account-service"] = realm.Urls.Account,
            ["tokens-not-before"] = 0,
        };
        return BrokerHttp.JsonAsync(http, info, BrokerJson.Relaxed.JsonObject);
    }

    private Task DiscoveryAsync(HttpContext http, Realm realm)
    {
        cors.ForAnyOrigin(http, realm);
        // Rendered once per realm and set of client scopes (scopes_supported lists them).
        var scopes = realm.ClientScopes.All().Select(s => s.Name).ToList();
        var key = $"{realm.Name}|{realm.Id}|{string.Join(' ', scopes)}";
        var document = _discovery.GetOrAdd(key, _ => JsonSerializer.SerializeToUtf8Bytes(DiscoveryDocument.Build(realm.Urls, scopes), BrokerJson.Relaxed.JsonObject));
        return BrokerHttp.JsonAsync(http, document);
    }

    // RFC 7517 §5: every enabled key of the realm (active and passive).
    private Task CertsAsync(HttpContext http, Realm realm)
    {
        cors.ForAnyOrigin(http, realm);
        return BrokerHttp.JsonAsync(http, realm.Keys.JwksJson);
    }
}
