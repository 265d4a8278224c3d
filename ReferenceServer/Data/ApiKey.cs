using System.Text.Json.Serialization;

namespace PbenchAuthSpec.ReferenceServer.Data;

/// <summary>A Pbench API key: an opaque string accepted as a bearer token for its user.</summary>
public sealed record ApiKey(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("label")] string? Label,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("created")] DateTimeOffset Created);
