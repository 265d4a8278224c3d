using System.Text.Json.Serialization;

namespace PbenchAuthSpec.MockBroker.Fixtures;

/// <summary>A client of a realm. URIs may carry <c>{target}</c>-style placeholders (resolved per request).</summary>
public sealed record ClientFixture
{
    /// <summary>Keycloak's internal id (a UUID) used in admin URLs; derived from the realm and clientId when absent.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("clientId")]
    public string ClientId { get; set; } = "";

    [JsonPropertyName("name")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; set; }

    [JsonPropertyName("enabled")]
    public bool Enabled { get; set; } = true;

    [JsonPropertyName("protocol")]
    public string Protocol { get; set; } = "openid-connect";

    [JsonPropertyName("bearerOnly")]
    public bool BearerOnly { get; set; }

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

    /// <summary>
    /// Keycloak's client attributes, e.g. <c>access.token.lifespan</c> (seconds),
    /// <c>pkce.code.challenge.method</c>, <c>post.logout.redirect.uris</c> (<c>##</c>-separated),
    /// <c>backchannel.logout.url</c>.
    /// </summary>
    [JsonPropertyName("attributes")]
    public IReadOnlyDictionary<string, string> Attributes { get; set; } = new Dictionary<string, string>();

    /// <summary>The client's own protocol mappers, kept as given (Keycloak's ProtocolMapperRepresentation, as a realm export lists them).</summary>
    [JsonPropertyName("protocolMappers")]
    public IReadOnlyList<ProtocolMapperRepresentation> ProtocolMappers { get; set; } = [];

    /// <summary>Client scopes always applied; null: the realm's default client scopes.</summary>
    [JsonPropertyName("defaultClientScopes")]
    public IReadOnlyList<string>? DefaultClientScopes { get; set; }

    /// <summary>Client scopes applied when asked for in <c>scope</c>; null: the realm's optional client scopes.</summary>
    [JsonPropertyName("optionalClientScopes")]
    public IReadOnlyList<string>? OptionalClientScopes { get; set; }

    [JsonPropertyName("frontchannelLogout")]
    public bool FrontchannelLogout { get; set; }
}
