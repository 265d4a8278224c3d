using System.Text.Json.Serialization;

namespace PbenchAuthSpec.MockIdp;

/// <summary>A confidential client registered at MockIdp (fixture <c>clients[]</c>).</summary>
public sealed record IdpClient
{
    [JsonPropertyName("clientId")]
    public string ClientId { get; set; } = "";

    [JsonPropertyName("clientSecret")]
    public string ClientSecret { get; set; } = "";

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Exact redirect URIs; <c>{broker}</c>-style placeholders resolve through the stack at request time.</summary>
    [JsonPropertyName("redirectUris")]
    public IReadOnlyList<string> RedirectUris { get; set; } = [];
}
