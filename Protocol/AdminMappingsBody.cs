using System.Text.Json.Serialization;

namespace PbenchAuthSpec.Protocol;

/// <summary><c>GET /__admin/mappings</c>.</summary>
public sealed record AdminMappingsBody([property: JsonPropertyName("mappings")] IReadOnlyList<FaultMapping> Mappings);
