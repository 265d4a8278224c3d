using PbenchAuthSpec.SpecTests.Checks;

namespace PbenchAuthSpec.SpecTests.Reports.Ci;

/// <summary>
/// One step as a CI test result, decided once for JUnit and TRX alike: failed when a check failed
/// (or warned under --strict) that --known-failures does not list, skipped when only listed ones
/// did or when no check of it ran (with the reason), else passed (a
/// warn step passes, as the exit code treats it, and its output carries the WARN lines).
/// </summary>
public sealed record StepOutcome
{
    public required int Step { get; init; }

    /// <summary>The test's name, e.g. <c>Step_16_Broker_to_browser_token_response</c>.</summary>
    public required string Name { get; init; }

    public required StepOutcomeKind Kind { get; init; }

    /// <summary>One line: why it failed or was skipped (empty for a pass).</summary>
    public string Message { get; init; } = "";

    /// <summary>For a failure: each failing check with what was expected, what was observed and the fix.</summary>
    public string Body { get; init; } = "";

    /// <summary>Every check of the step, one line each.</summary>
    public required string Output { get; init; }

    public required TimeSpan Duration { get; init; }

    public required DateTimeOffset Start { get; init; }

    public static IReadOnlyList<StepOutcome> Of(SpecReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var durations = StepDurations.Of(report);
        var strict = report.Summary.Strict;
        return [.. report.Steps.Select(s => Of(s, strict, durations[s.Step]))];
    }

    private static StepOutcome Of(StepReport step, bool strict, (DateTimeOffset Start, TimeSpan Duration) time)
    {
        var failing = step.Checks.Where(c => KnownFailureMarks.Failing(c, strict)).ToList();
        var known = failing.Where(c => c.KnownFailure is not null).ToList();
        failing = [.. failing.Where(c => c.KnownFailure is null)];
        var outcome = new StepOutcome
        {
            Step = step.Step,
            Name = Steps.TestName(step.Step),
            Kind = StepOutcomeKind.Passed,
            Output = string.Join("\n", step.Checks.Select(CheckLines.Line)),
            Duration = time.Duration,
            Start = time.Start,
        };
        if (failing.Count > 0)
        {
            var first = failing[0];
            var more = failing.Count > 1 ? $" (and {failing.Count - 1} more)" : "";
            return outcome with
            {
                Kind = StepOutcomeKind.Failed,
                Message = $"step {step.Step}: {first.Id} {first.Title}{more}",
                Body = string.Join("\n\n", failing.Select(CheckLines.Detail)),
            };
        }

        // A failure --known-failures lists is skipped with its reason: CI shows it, not as a pass, not as a new failure.
        if (known.Count > 0)
        {
            return outcome with { Kind = StepOutcomeKind.Skipped, Message = $"step {step.Step}: known failure: {string.Join("; ", known.Select(c => $"{c.Id} ({c.KnownFailure})"))}" };
        }

        return step.Verdict == Verdict.Skip
            ? outcome with { Kind = StepOutcomeKind.Skipped, Message = $"step {step.Step} skipped: {CheckLines.SkipReason(step)}" }
            : outcome;
    }
}
