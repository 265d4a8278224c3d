using System.Text.Json.Serialization;

namespace PbenchAuthSpec.MockBroker.Fixtures;

/// <summary>A client of a realm. URIs may carry <c>{target}</c>-style placeholders (resolved per request).</summary>
public sealed record ClientFixture
{
    [JsonPropertyName("clientId")]
    public string ClientId { get; set; } = "";

    [JsonPropertyName("publicClient")]
    public bool PublicClient { get; init; }

    [JsonPropertyName("secret")]
    public string? Secret { get; init; }

    [JsonPropertyName("standardFlowEnabled")]
    public bool StandardFlowEnabled { get; set; } = true;

    [JsonPropertyName("directAccessGrantsEnabled")]
    public bool DirectAccessGrantsEnabled { get; init; }

    [JsonPropertyName("serviceAccountsEnabled")]
    public bool ServiceAccountsEnabled { get; init; }

    /// <summary>Keycloak's "pkce.code.challenge.method": <c>S256</c> makes PKCE with S256 mandatory.</summary>
    [JsonPropertyName("pkceCodeChallengeMethod")]
    public string? PkceCodeChallengeMethod { get; init; }

    [JsonPropertyName("redirectUris")]
    public IReadOnlyList<string> RedirectUris { get; set; } = [];

    /// <summary>Keycloak's default <c>+</c>: the redirect URIs, wildcards included.</summary>
    [JsonPropertyName("postLogoutRedirectUris")]
    public IReadOnlyList<string> PostLogoutRedirectUris { get; set; } = ["+"];

    /// <summary>CORS origins; <c>+</c> means the origins of the redirect URIs, <c>*</c> any origin.</summary>
    [JsonPropertyName("webOrigins")]
    public IReadOnlyList<string> WebOrigins { get; set; } = [];

    /// <summary>Keycloak's audience mapper: these go into the access token's <c>aud</c>.</summary>
    [JsonPropertyName("audiences")]
    public IReadOnlyList<string> Audiences { get; set; } = [];

    /// <summary>The client's protocol mappers, as a Keycloak realm export lists them.</summary>
    [JsonPropertyName("protocolMappers")]
    public IReadOnlyList<ProtocolMapperFixture> ProtocolMappers { get; set; } = [];
}
