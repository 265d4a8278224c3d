using System.Text.Json.Serialization;

namespace PbenchAuthSpec.MockBroker.Admin;

/// <summary>Keycloak's ComponentRepresentation (config values are lists of strings).</summary>
internal sealed record ComponentRepresentation
{
    public const string KeyProviderType = "org.keycloak.keys.KeyProvider";

    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("providerId")]
    public string? ProviderId { get; init; }

    [JsonPropertyName("providerType")]
    public string? ProviderType { get; init; }

    [JsonPropertyName("parentId")]
    public string? ParentId { get; init; }

    [JsonPropertyName("config")]
    public Dictionary<string, List<string>>? Config { get; init; }

    public string? First(string key) => Config?.GetValueOrDefault(key) is [var value, ..] ? value : null;
}
