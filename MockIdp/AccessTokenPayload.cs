using System.Text.Json.Serialization;

namespace PbenchAuthSpec.MockIdp;

/// <summary>RFC 9068 JWT access token claims.</summary>
public sealed record AccessTokenPayload
{
    [JsonPropertyName("iss")]
    public required string Issuer { get; init; }

    [JsonPropertyName("sub")]
    public required string Subject { get; init; }

    [JsonPropertyName("aud")]
    public required string Audience { get; init; }

    [JsonPropertyName("client_id")]
    public required string ClientId { get; init; }

    [JsonPropertyName("exp")]
    public required long Expires { get; init; }

    [JsonPropertyName("iat")]
    public required long IssuedAt { get; init; }

    [JsonPropertyName("jti")]
    public required string Id { get; init; }

    [JsonPropertyName("scope")]
    public required string Scope { get; init; }

    [JsonPropertyName("auth_time")]
    public long? AuthTime { get; init; }

    /// <summary>The signed-in user's name, so userinfo needs no lookup beyond the fixture.</summary>
    [JsonPropertyName("preferred_username")]
    public string? PreferredUsername { get; init; }
}
