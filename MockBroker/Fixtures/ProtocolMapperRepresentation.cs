using System.Text.Json.Serialization;

namespace PbenchAuthSpec.MockBroker.Fixtures;

/// <summary>
/// Keycloak's ProtocolMapperRepresentation (a client's or a client scope's, as a realm export
/// lists them), kept as given. MockBroker acts on <c>oidc-audience-mapper</c>
/// (<c>included.client.audience</c> or <c>included.custom.audience</c> into the access token's
/// <c>aud</c> unless <c>access.token.claim</c> is <c>false</c>) and
/// <see cref="NonceBackwardsCompatible"/>.
/// </summary>
public sealed record ProtocolMapperRepresentation
{
    [JsonPropertyName("id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; set; }

    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("protocol")]
    public string Protocol { get; set; } = "openid-connect";

    [JsonPropertyName("protocolMapper")]
    public string ProtocolMapper { get; set; } = "";

    [JsonPropertyName("consentRequired")]
    public bool ConsentRequired { get; set; }

    [JsonPropertyName("config")]
    public IReadOnlyDictionary<string, string> Config { get; set; } = new Dictionary<string, string>();

    public const string Audience = "oidc-audience-mapper";

    /// <summary>Keycloak 25's "Nonce backwards compatible" mapper: the login's nonce in every token again, refresh included.</summary>
    public const string NonceBackwardsCompatible = "oidc-nonce-backwards-compatible-mapper";

    /// <summary>
    /// Keycloak's "Add to access token" / "Add to ID token" switches (<c>access.token.claim</c>,
    /// <c>id.token.claim</c>): "true" unless the config says "false", as the mapper is created.
    /// </summary>
    public bool AddsTo(string tokenClaimKey) =>
        !Config.TryGetValue(tokenClaimKey, out var value) || !string.Equals(value, "false", StringComparison.OrdinalIgnoreCase);

    /// <summary>The audience an <c>oidc-audience-mapper</c> adds to access tokens, if this is one that does.</summary>
    [JsonIgnore]
    public string? AccessTokenAudience =>
        ProtocolMapper != Audience || !AddsTo("access.token.claim") ? null
        : Config.GetValueOrDefault("included.client.audience") is { Length: > 0 } client ? client
        : Config.GetValueOrDefault("included.custom.audience") is { Length: > 0 } custom ? custom
        : null;
}
