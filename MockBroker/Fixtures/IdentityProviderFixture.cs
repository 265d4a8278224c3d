using System.Text.Json.Serialization;

namespace PbenchAuthSpec.MockBroker.Fixtures;

/// <summary>An upstream OIDC identity provider the realm brokers to (Keycloak's "OpenID Connect v1.0" provider).</summary>
public sealed record IdentityProviderFixture
{
    [JsonPropertyName("alias")]
    public string Alias { get; set; } = "";

    [JsonPropertyName("displayName")]
    public string? DisplayName { get; init; }

    /// <summary>The IdP's issuer; discovery is read from <c>{issuer}/.well-known/openid-configuration</c>.</summary>
    [JsonPropertyName("issuer")]
    public string Issuer { get; set; } = "";

    [JsonPropertyName("clientId")]
    public string ClientId { get; set; } = "";

    [JsonPropertyName("clientSecret")]
    public string ClientSecret { get; set; } = "";

    /// <summary><c>client_secret_basic</c> (default) or <c>client_secret_post</c>.</summary>
    [JsonPropertyName("clientAuthMethod")]
    public string ClientAuthMethod { get; set; } = "client_secret_basic";

    [JsonPropertyName("defaultScope")]
    public string DefaultScope { get; set; } = "openid";

    [JsonPropertyName("mappers")]
    public IReadOnlyList<IdpMapperFixture> Mappers { get; set; } = [];
}
