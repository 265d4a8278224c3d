using System.Text.Json.Serialization;
using PbenchAuthSpec.SpecTests.Checks;

namespace PbenchAuthSpec.SpecTests.Reports;

/// <summary>report.json: the 20 steps (always all of them), the run's set-up, the summary, the trace and the timings.</summary>
public sealed record SpecReport
{
    [JsonPropertyName("steps")]
    public required IReadOnlyList<StepReport> Steps { get; init; }

    [JsonPropertyName("target")]
    public required string Target { get; init; }

    [JsonPropertyName("broker")]
    public required string Broker { get; init; }

    [JsonPropertyName("profile")]
    public required string Profile { get; init; }

    /// <summary>The dashboard preset (<c>plain</c>, <c>kc</c>, <c>pbench</c>...), or <c>none</c> (protocol mode).</summary>
    [JsonPropertyName("dashboard")]
    public required string Dashboard { get; init; }

    [JsonPropertyName("embedded")]
    public bool Embedded { get; init; }

    [JsonPropertyName("defects")]
    public IReadOnlyList<string> Defects { get; init; } = [];

    /// <summary>The Keycloak line the embedded MockBroker answered as, when set (<c>--keycloak-version</c>).</summary>
    [JsonPropertyName("keycloakVersion")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? KeycloakVersion { get; init; }

    /// <summary>The broker admin account the run used for the broker's admin API (none: <c>username</c> null), and where it came from.</summary>
    [JsonPropertyName("brokerAdmin")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public BrokerAdminReport? BrokerAdmin { get; init; }

    [JsonPropertyName("catalogue")]
    public string Catalogue { get; init; } = "";

    [JsonPropertyName("startedAt")]
    public DateTimeOffset StartedAt { get; init; }

    [JsonPropertyName("summary")]
    public required ReportSummary Summary { get; init; }

    /// <summary>Where and why the browser walk stopped early, if it did.</summary>
    [JsonPropertyName("walk")]
    public string? Walk { get; init; }

    /// <summary>What the run changed on the target or the broker (data a buggy target let it change, the rotated key), and whether it was undone.</summary>
    [JsonPropertyName("changes")]
    public IReadOnlyList<RunChange> Changes { get; init; } = [];

    /// <summary>The pages' console messages and uncaught errors, in order.</summary>
    /// <summary>When the walk stopped: the dashboard's console lines that tell why (errors, its client library's lines).</summary>
    [JsonPropertyName("walkConsole")]
    public IReadOnlyList<string> WalkConsole { get; init; } = [];

    [JsonPropertyName("console")]
    public IReadOnlyList<string> Console { get; init; } = [];

    [JsonPropertyName("trace")]
    public IReadOnlyList<TraceHop> Trace { get; init; } = [];

    /// <summary>Milliseconds: stack start, browser start, login walk, matrices, report.</summary>
    [JsonPropertyName("timings")]
    public IReadOnlyDictionary<string, long> Timings { get; init; } = new Dictionary<string, long>();

    [JsonPropertyName("runDirectory")]
    public string RunDirectory { get; init; } = "";

    public StepReport Step(int step) => Steps.First(s => s.Step == step);
}
