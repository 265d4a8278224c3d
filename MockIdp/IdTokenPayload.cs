using System.Text.Json.Serialization;

namespace PbenchAuthSpec.MockIdp;

/// <summary>OIDC Core §2 ID token claims, with the standard profile and email claims (§5.1).</summary>
public sealed record IdTokenPayload
{
    [JsonPropertyName("iss")]
    public required string Issuer { get; init; }

    [JsonPropertyName("sub")]
    public required string Subject { get; init; }

    [JsonPropertyName("aud")]
    public required string Audience { get; init; }

    [JsonPropertyName("azp")]
    public required string AuthorizedParty { get; init; }

    [JsonPropertyName("exp")]
    public required long Expires { get; init; }

    [JsonPropertyName("iat")]
    public required long IssuedAt { get; init; }

    [JsonPropertyName("auth_time")]
    public required long AuthTime { get; init; }

    [JsonPropertyName("nonce")]
    public string? Nonce { get; init; }

    [JsonPropertyName("at_hash")]
    public string? AccessTokenHash { get; init; }

    [JsonPropertyName("email")]
    public string? Email { get; init; }

    [JsonPropertyName("email_verified")]
    public bool? EmailVerified { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("preferred_username")]
    public string? PreferredUsername { get; init; }

    [JsonPropertyName("given_name")]
    public string? GivenName { get; init; }

    [JsonPropertyName("family_name")]
    public string? FamilyName { get; init; }
}
