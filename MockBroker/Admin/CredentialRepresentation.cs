using System.Text.Json.Serialization;

namespace PbenchAuthSpec.MockBroker.Admin;

/// <summary>Keycloak's CredentialRepresentation, as sent when creating a user with a password.</summary>
internal sealed record CredentialRepresentation
{
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("value")]
    public string? Value { get; init; }

    [JsonPropertyName("temporary")]
    public bool Temporary { get; init; }
}
