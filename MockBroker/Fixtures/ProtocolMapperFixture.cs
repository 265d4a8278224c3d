using System.Text.Json.Serialization;

namespace PbenchAuthSpec.MockBroker.Fixtures;

/// <summary>
/// A protocol mapper of a client, in Keycloak's realm-export shape
/// (<c>{"name", "protocol", "protocolMapper", "config"}</c>). MockBroker acts on the mappers it
/// knows (<see cref="NonceBackwardsCompatible"/>) and keeps the others as they were given.
/// </summary>
public sealed record ProtocolMapperFixture
{
    /// <summary>Keycloak 25's "Nonce backwards compatible" mapper: the login's nonce in every token again, refresh included.</summary>
    public const string NonceBackwardsCompatible = "oidc-nonce-backwards-compatible-mapper";

    [JsonPropertyName("id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; init; }

    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("protocol")]
    public string Protocol { get; set; } = "openid-connect";

    [JsonPropertyName("protocolMapper")]
    public string ProtocolMapper { get; set; } = "";

    [JsonPropertyName("consentRequired")]
    public bool ConsentRequired { get; set; }

    /// <summary>Keycloak's mapper settings as strings, e.g. <c>"access.token.claim": "true"</c>.</summary>
    [JsonPropertyName("config")]
    public IReadOnlyDictionary<string, string> Config { get; set; } = new Dictionary<string, string>();

    /// <summary>
    /// Keycloak's "Add to access token" / "Add to ID token" switches (<c>access.token.claim</c>,
    /// <c>id.token.claim</c>): "true" unless the config says "false", as the mapper is created.
    /// </summary>
    public bool AddsTo(string tokenClaimKey) =>
        !Config.TryGetValue(tokenClaimKey, out var value) || !string.Equals(value, "false", StringComparison.OrdinalIgnoreCase);
}
