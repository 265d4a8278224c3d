using System.Text.Json.Serialization;

namespace PbenchAuthSpec.MockIdp;

/// <summary>A user who can sign in at MockIdp (fixture <c>users[]</c>).</summary>
public sealed record IdpUser
{
    [JsonPropertyName("username")]
    public string Username { get; set; } = "";

    [JsonPropertyName("password")]
    public string Password { get; set; } = "";

    /// <summary>Stable, distinct subject identifier (OIDC Core §2 <c>sub</c>).</summary>
    [JsonPropertyName("sub")]
    public string Sub { get; set; } = "";

    [JsonPropertyName("email")]
    public string? Email { get; set; }

    [JsonPropertyName("givenName")]
    public string? GivenName { get; set; }

    [JsonPropertyName("familyName")]
    public string? FamilyName { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }
}
