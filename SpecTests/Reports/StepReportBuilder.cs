using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Settings;

namespace PbenchAuthSpec.SpecTests.Reports;

/// <summary>
/// Turns the run's checks into the 20 step reports: every step present; a step the walk never
/// reached because an earlier step failed is a skip that says so (not a second fail); steps after
/// --until-step are skipped; a step's verdict is its worst check.
/// </summary>
public static class StepReportBuilder
{
    public static IReadOnlyList<StepReport> Build(IEnumerable<Check> checks, int? untilStep = null, string? walkStop = null)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var byStep = checks.GroupBy(c => c.Step).ToDictionary(g => g.Key, g => g.ToList());
        Check? firstFailure = null;
        var steps = new List<StepReport>();
        for (var step = 1; step <= 20; step++)
        {
            var list = step > untilStep
                ? [Check.Skipped(step, $"s{step}.until-step", "--until-step", "step not walked", $"stopped after step {untilStep} (--until-step)")]
                : byStep.GetValueOrDefault(step) ?? [];
            list = [.. list.Select(c => NotReached(c, firstFailure, walkStop))];
            if (list.Count == 0)
            {
                list = [Check.Skipped(step, $"s{step}.none", $"Diagram step {step}", "no check ran for this step", "nothing was observable for this step in this run")];
            }

            firstFailure ??= list.FirstOrDefault(c => c.Verdict == Verdict.Fail);
            var (from, to, label) = Steps.Arrows[step];
            steps.Add(new StepReport { Step = step, Title = Steps.Title(step), From = from, To = to, Label = label, Verdict = list.Max(c => c.Verdict), Checks = list });
        }

        return steps;
    }

    /// <summary>The counts and the run's verdict: <c>fail</c> when a failing check (a fail, or a warn under --strict) is not a known failure.</summary>
    public static ReportSummary Summarize(IReadOnlyList<StepReport> steps, bool strict, KnownFailureList? known = null)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var all = steps.SelectMany(s => s.Checks).ToList();
        var failed = steps.Where(s => s.Verdict == Verdict.Fail).Select(s => s.Step).ToList();
        var warned = steps.Where(s => s.Verdict == Verdict.Warn).Select(s => s.Step).ToList();
        var failing = all.Where(c => KnownFailureMarks.Failing(c, strict)).ToList();
        return new ReportSummary
        {
            RunVerdict = failing.Any(c => c.KnownFailure is null) ? "fail" : "pass",
            Known = failing.Count(c => c.KnownFailure is not null),
            Fixed = KnownFailureMarks.Fixed(steps, known, strict),
            KnownFailures = known?.Path,
            Checks = all.Count,
            Pass = all.Count(c => c.Verdict == Verdict.Pass),
            Warn = all.Count(c => c.Verdict == Verdict.Warn),
            Fail = all.Count(c => c.Verdict == Verdict.Fail),
            Skip = all.Count(c => c.Verdict == Verdict.Skip),
            FailedSteps = failed,
            WarnedSteps = warned,
            Strict = strict,
        };
    }

    // A step that was never observed because an earlier one failed is that failure's consequence.
    private static Check NotReached(Check check, Check? firstFailure, string? walkStop)
    {
        if (check.Verdict != Verdict.Fail || !check.Id.EndsWith(".observed", StringComparison.Ordinal))
        {
            return check;
        }

        return firstFailure is not null
            ? check with { Verdict = Verdict.Skip, Observed = $"not reached: step {firstFailure.Step} failed ({firstFailure.Title})" }
            : walkStop is null ? check : check with { Observed = $"{check.Observed}; the walk stopped: {walkStop}" };
    }
}
