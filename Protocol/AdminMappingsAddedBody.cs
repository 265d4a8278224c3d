using System.Text.Json.Serialization;

namespace PbenchAuthSpec.Protocol;

/// <summary><c>POST /__admin/mappings</c> (WireMock's answer shape).</summary>
public sealed record AdminMappingsAddedBody(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("guids")] IReadOnlyList<Guid> Guids);
