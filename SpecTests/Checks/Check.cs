using System.Text.Json.Serialization;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>
/// One rule of the spec applied to what was observed: the step it belongs to, the rule it enforces
/// (e.g. <c>RFC 6749 §4.1.2</c>), a verdict, and what was expected and observed. Broker set-up
/// findings also say what to change in the broker (<see cref="Fix"/>).
/// </summary>
public sealed record Check
{
    [JsonPropertyName("step")]
    public required int Step { get; init; }

    /// <summary>Stable id, e.g. <c>s16.cache-control</c> or <c>s20.alg-none</c>.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("rule")]
    public required string Rule { get; init; }

    [JsonPropertyName("title")]
    public required string Title { get; init; }

    [JsonPropertyName("verdict")]
    public required Verdict Verdict { get; init; }

    [JsonPropertyName("expected")]
    public string Expected { get; init; } = "";

    [JsonPropertyName("observed")]
    public string Observed { get; init; } = "";

    [JsonPropertyName("fix")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Fix { get; init; }

    /// <summary>Set when the check fails and <c>--known-failures</c> lists it: the reason given there. Shown as KNOWN; it does not fail the run.</summary>
    [JsonPropertyName("knownFailure")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? KnownFailure { get; init; }

    /// <summary>
    /// Set when an earlier finding explains this check's outcome (the check is then a skip): which
    /// finding, so a cause is reported once and its consequences point at it.
    /// </summary>
    [JsonPropertyName("because")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Because { get; init; }

    /// <summary><c>login</c> (the walk), <c>matrix</c>, <c>refresh</c>, <c>logout</c> or <c>setup</c>.</summary>
    [JsonPropertyName("phase")]
    public string Phase { get; init; } = "login";

    /// <summary>Trace ids of the exchanges the check looked at (the report links them).</summary>
    [JsonPropertyName("exchanges")]
    public IReadOnlyList<int> Exchanges { get; init; } = [];

    /// <summary>
    /// A check that passes when <paramref name="ok"/>, else gets <paramref name="otherwise"/> (fail by default).
    /// For tests' hand-made checks only: the spec's checks are judged through their declared <see cref="CheckRule"/>.
    /// </summary>
    public static Check That(int step, string id, string rule, string title, bool ok, string expected, string observed, Verdict otherwise = Verdict.Fail) =>
        new()
        {
            Step = step,
            Id = id,
            Rule = rule,
            Title = title,
            Verdict = ok ? Verdict.Pass : otherwise,
            Expected = expected,
            Observed = observed,
        };

    public static Check Skipped(int step, string id, string rule, string title, string reason) =>
        new() { Step = step, Id = id, Rule = rule, Title = title, Verdict = Verdict.Skip, Observed = reason };

    public Check WithExchanges(params int?[] ids) => this with { Exchanges = [.. ids.OfType<int>().Distinct()] };

    public Check WithFix(string fix) => Verdict != Verdict.Pass && !string.IsNullOrEmpty(fix) ? this with { Fix = fix } : this;

    public Check InPhase(string phase) => this with { Phase = phase };

    /// <summary>This check's outcome is the consequence of <paramref name="cause"/>: a skip that names it.</summary>
    public Check ExplainedBy(string cause) => Verdict == Verdict.Pass ? this : this with { Verdict = Verdict.Skip, Because = cause };

    public override string ToString() => $"[{Verdict}] step {Step} {Title} ({Rule}): expected {Expected}; observed {Observed}";
}
