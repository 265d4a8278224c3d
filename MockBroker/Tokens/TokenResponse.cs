using System.Text.Json.Serialization;

namespace PbenchAuthSpec.MockBroker.Tokens;

/// <summary>RFC 6749 §5.1 token response with exactly Keycloak's fields, in Keycloak's order.</summary>
internal sealed record TokenResponse
{
    [JsonPropertyName("access_token")]
    public required string AccessToken { get; init; }

    [JsonPropertyName("expires_in")]
    public required long ExpiresIn { get; init; }

    [JsonPropertyName("refresh_expires_in")]
    public required long RefreshExpiresIn { get; init; }

    [JsonPropertyName("refresh_token")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RefreshToken { get; init; }

    [JsonPropertyName("token_type")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TokenType { get; init; }

    [JsonPropertyName("id_token")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? IdToken { get; init; }

    [JsonPropertyName("not-before-policy")]
    public long NotBeforePolicy { get; init; }

    [JsonPropertyName("session_state")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SessionState { get; init; }

    [JsonPropertyName("scope")]
    public required string Scope { get; init; }
}
