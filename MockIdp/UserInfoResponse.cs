using System.Text.Json.Serialization;

namespace PbenchAuthSpec.MockIdp;

/// <summary>OIDC Core §5.3.2 UserInfo response.</summary>
public sealed record UserInfoResponse
{
    [JsonPropertyName("sub")]
    public required string Subject { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("given_name")]
    public string? GivenName { get; init; }

    [JsonPropertyName("family_name")]
    public string? FamilyName { get; init; }

    [JsonPropertyName("preferred_username")]
    public string? PreferredUsername { get; init; }

    [JsonPropertyName("email")]
    public string? Email { get; init; }

    [JsonPropertyName("email_verified")]
    public bool? EmailVerified { get; init; }
}
