using System.Text.Json.Serialization;

namespace PbenchAuthSpec.MockBroker.Fixtures;

/// <summary>
/// An upstream identity provider of the realm in Keycloak's realm-export shape
/// (<c>IdentityProviderRepresentation</c>): top-level switches plus a <c>config</c> map of strings,
/// read through <see cref="Hosting.OidcProviderSettings"/> with Keycloak's defaults. The admin API
/// (<c>/admin/realms/{realm}/identity-provider/instances</c>) reads and writes the same shape.
/// </summary>
public sealed record IdentityProviderFixture
{
    [JsonPropertyName("alias")]
    public string Alias { get; set; } = "";

    [JsonPropertyName("displayName")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DisplayName { get; set; }

    /// <summary>Keycloak's provider factory id: <c>oidc</c> ("OpenID Connect v1.0") or <c>keycloak-oidc</c>.</summary>
    [JsonPropertyName("providerId")]
    public string ProviderId { get; set; } = "oidc";

    [JsonPropertyName("enabled")]
    public bool Enabled { get; set; } = true;

    /// <summary>Keycloak: imported users get <c>emailVerified</c> when the IdP is trusted for e-mail.</summary>
    [JsonPropertyName("trustEmail")]
    public bool TrustEmail { get; set; }

    [JsonPropertyName("storeToken")]
    public bool StoreToken { get; set; }

    [JsonPropertyName("linkOnly")]
    public bool LinkOnly { get; set; }

    /// <summary>Keycloak 26: not listed on the login page (still reachable with <c>kc_idp_hint</c>).</summary>
    [JsonPropertyName("hideOnLogin")]
    public bool HideOnLogin { get; set; }

    [JsonPropertyName("firstBrokerLoginFlowAlias")]
    public string FirstBrokerLoginFlowAlias { get; set; } = "first broker login";

    /// <summary>Keycloak's <c>config</c>: every value a string (<c>"true"</c>), as Keycloak stores it; JSON booleans and numbers are taken as their text.</summary>
    [JsonPropertyName("config")]
    [JsonConverter(typeof(StringMapConverter))]
    public Dictionary<string, string> Config { get; set; } = new(StringComparer.Ordinal);
}
