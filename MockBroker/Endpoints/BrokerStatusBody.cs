using System.Text.Json.Serialization;

namespace PbenchAuthSpec.MockBroker.Endpoints;

/// <summary><c>GET /__admin/broker</c>: the Keycloak version it plays, the faults on, and each realm's key and lifetimes.</summary>
internal sealed record BrokerStatusBody(
    [property: JsonPropertyName("keycloakVersion")] int KeycloakVersion,
    [property: JsonPropertyName("faults")] IReadOnlyList<string> Faults,
    [property: JsonPropertyName("realms")] IReadOnlyList<BrokerStatusBody.RealmStatus> Realms)
{
    /// <summary>One realm: lifetimes in seconds, as the lifetimes hook takes them.</summary>
    internal sealed record RealmStatus(
        [property: JsonPropertyName("realm")] string Realm,
        [property: JsonPropertyName("issuer")] string Issuer,
        [property: JsonPropertyName("kid")] string Kid,
        [property: JsonPropertyName("accessTokenLifespan")] long AccessTokenLifespan,
        [property: JsonPropertyName("ssoSessionIdleTimeout")] long SsoSessionIdleTimeout,
        [property: JsonPropertyName("accessCodeLifespan")] long AccessCodeLifespan);
}
