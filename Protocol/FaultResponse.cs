using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace PbenchAuthSpec.Protocol;

/// <summary>What a fault mapping answers.</summary>
public sealed record FaultResponse
{
    [JsonPropertyName("StatusCode")]
    public int StatusCode { get; init; } = 200;

    [JsonPropertyName("Headers")]
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    [JsonPropertyName("Body")]
    public string? Body { get; init; }

    [JsonPropertyName("BodyAsJson")]
    public JsonNode? BodyAsJson { get; init; }
}
