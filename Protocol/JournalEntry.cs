using System.Text.Json.Serialization;

namespace PbenchAuthSpec.Protocol;

/// <summary>One request a stand-in served, with excerpts of both bodies.</summary>
public sealed record JournalEntry(
    [property: JsonPropertyName("seq")] long Sequence,
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("server")] string Server,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("requestHeaders")] IReadOnlyDictionary<string, string> RequestHeaders,
    [property: JsonPropertyName("requestBody")] string? RequestBody,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("responseHeaders")] IReadOnlyDictionary<string, string> ResponseHeaders,
    [property: JsonPropertyName("responseBody")] string? ResponseBody,
    [property: JsonPropertyName("faultMapping")] string? FaultMapping)
{
    /// <summary>True when a part was cut to the journal's limits (<see cref="JournalLimits"/>); the cut part ends with <see cref="JournalLimits.CutMark"/>.</summary>
    [JsonPropertyName("truncated")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Truncated { get; init; }

    /// <summary>Back-channel calls are made by a stand-in, not a browser; they say so in User-Agent.</summary>
    [JsonPropertyName("backChannel")]
    public bool BackChannel =>
        RequestHeaders.TryGetValue("User-Agent", out var agent) && agent.Contains(Journal.BackChannelAgentMarker, StringComparison.Ordinal);
}
