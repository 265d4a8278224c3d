using System.Text.Json.Serialization;

namespace PbenchAuthSpec.SpecTests.Reports;

/// <summary>
/// One exchange of the run as the report draws it: between which participants, which numbered
/// step its request and its response play (null: an unnumbered hop), and excerpts of both sides.
/// </summary>
public sealed record TraceHop
{
    [JsonPropertyName("id")]
    public required int Id { get; init; }

    [JsonPropertyName("source")]
    public required string Source { get; init; }

    [JsonPropertyName("requestStep")]
    public int? RequestStep { get; init; }

    [JsonPropertyName("responseStep")]
    public int? ResponseStep { get; init; }

    [JsonPropertyName("from")]
    public required string From { get; init; }

    [JsonPropertyName("to")]
    public required string To { get; init; }

    [JsonPropertyName("method")]
    public required string Method { get; init; }

    [JsonPropertyName("url")]
    public required string Url { get; init; }

    [JsonPropertyName("status")]
    public int? Status { get; init; }

    [JsonPropertyName("time")]
    public DateTimeOffset Time { get; init; }

    [JsonPropertyName("request")]
    public string Request { get; init; } = "";

    [JsonPropertyName("response")]
    public string Response { get; init; } = "";

    /// <summary>Decoded JWTs found in the exchange (name → header and claims as JSON text).</summary>
    [JsonPropertyName("tokens")]
    public IReadOnlyDictionary<string, string> Tokens { get; init; } = new Dictionary<string, string>();
}
