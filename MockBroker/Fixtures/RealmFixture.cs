using System.Text.Json.Serialization;

namespace PbenchAuthSpec.MockBroker.Fixtures;

/// <summary>One realm, with Keycloak's names for its settings (lifetimes in seconds).</summary>
public sealed record RealmFixture
{
    [JsonPropertyName("realm")]
    public string Realm { get; set; } = "";

    /// <summary>PEM file relative to the fixture folder; a fresh key is generated when absent.</summary>
    [JsonPropertyName("signingKey")]
    public string? SigningKey { get; init; }

    [JsonPropertyName("accessTokenLifespan")]
    public int AccessTokenLifespan { get; set; } = 300;

    [JsonPropertyName("ssoSessionIdleTimeout")]
    public int SsoSessionIdleTimeout { get; set; } = 1800;

    [JsonPropertyName("ssoSessionMaxLifespan")]
    public int SsoSessionMaxLifespan { get; set; } = 36000;

    [JsonPropertyName("accessCodeLifespan")]
    public int AccessCodeLifespan { get; set; } = 60;

    /// <summary>Keycloak's "Revoke Refresh Token": each refresh token works once.</summary>
    [JsonPropertyName("revokeRefreshToken")]
    public bool RevokeRefreshToken { get; init; }

    [JsonPropertyName("enabled")]
    public bool Enabled { get; set; } = true;

    /// <summary>Realm-level client scopes beside Keycloak's built-in ones (profile, email, roles, …).</summary>
    [JsonPropertyName("clientScopes")]
    public IReadOnlyList<ClientScopeRepresentation> ClientScopes { get; set; } = [];

    [JsonPropertyName("clients")]
    public IReadOnlyList<ClientFixture> Clients { get; set; } = [];

    [JsonPropertyName("identityProviders")]
    public IReadOnlyList<IdentityProviderFixture> IdentityProviders { get; set; } = [];

    [JsonPropertyName("users")]
    public IReadOnlyList<UserFixture> Users { get; set; } = [];
}
