using System.Text.Json.Serialization;

namespace PbenchAuthSpec.SpecTests.Reports;

/// <summary>
/// Counts of checks by verdict, and the run's verdict: <c>fail</c> when a check failed (or warned
/// under --strict) that <c>--known-failures</c> does not list.
/// </summary>
public sealed record ReportSummary
{
    [JsonPropertyName("runVerdict")]
    public required string RunVerdict { get; init; }

    [JsonPropertyName("checks")]
    public int Checks { get; init; }

    [JsonPropertyName("pass")]
    public int Pass { get; init; }

    [JsonPropertyName("warn")]
    public int Warn { get; init; }

    [JsonPropertyName("fail")]
    public int Fail { get; init; }

    [JsonPropertyName("skip")]
    public int Skip { get; init; }

    [JsonPropertyName("failedSteps")]
    public IReadOnlyList<int> FailedSteps { get; init; } = [];

    [JsonPropertyName("warnedSteps")]
    public IReadOnlyList<int> WarnedSteps { get; init; } = [];

    [JsonPropertyName("strict")]
    public bool Strict { get; init; }

    /// <summary>Failing checks that <c>--known-failures</c> lists (they do not fail the run).</summary>
    [JsonPropertyName("known")]
    public int Known { get; init; }

    /// <summary>Listed ids whose check ran and did not fail: remove them from the list.</summary>
    [JsonPropertyName("fixed")]
    public IReadOnlyList<string> Fixed { get; init; } = [];

    /// <summary>The <c>--known-failures</c> file, if any.</summary>
    [JsonPropertyName("knownFailures")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? KnownFailures { get; init; }

    /// <summary>What the run exits with: 0 when no check failed (or every failure is known), 1 otherwise.</summary>
    [JsonPropertyName("exitCode")]
    public int ExitCode => RunVerdict == "pass" ? 0 : 1;
}
