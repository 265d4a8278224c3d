using System.Text.Json.Serialization;
using PbenchAuthSpec.SpecTests.Checks;

namespace PbenchAuthSpec.SpecTests.Reports;

/// <summary>One numbered step of the diagram in the report: its arrow, its verdict and its checks.</summary>
public sealed record StepReport
{
    [JsonPropertyName("step")]
    public required int Step { get; init; }

    [JsonPropertyName("title")]
    public required string Title { get; init; }

    [JsonPropertyName("from")]
    public required string From { get; init; }

    [JsonPropertyName("to")]
    public required string To { get; init; }

    [JsonPropertyName("label")]
    public required string Label { get; init; }

    [JsonPropertyName("verdict")]
    public required Verdict Verdict { get; init; }

    /// <summary>The step fails only by checks <c>--known-failures</c> lists (shown as KNOWN).</summary>
    [JsonPropertyName("known")]
    public bool Known { get; init; }

    [JsonPropertyName("checks")]
    public required IReadOnlyList<Check> Checks { get; init; }

    public int Count(Verdict verdict) => Checks.Count(c => c.Verdict == verdict);
}
