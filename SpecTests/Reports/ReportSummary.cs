using System.Text.Json.Serialization;

namespace PbenchAuthSpec.SpecTests.Reports;

/// <summary>Counts of checks by verdict, and the run's verdict (<c>fail</c> when a check failed, or warned under --strict).</summary>
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
}
