using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Settings;

namespace PbenchAuthSpec.SpecTests.Reports;

/// <summary>
/// Turns the run's checks into the 20 step reports: every step present; a step the walk never
/// reached because an earlier step failed is a skip whose checks name that failure (not a second
/// fail); steps after --until-step are skipped; a step's verdict is its worst check, so a step all
/// of whose checks were skipped is a skip, never a pass.
/// </summary>
public static class StepReportBuilder
{
    /// <param name="stoppedAt">The step where the walk stopped early, if it did: later steps with nothing observed were not reached.</param>
    public static IReadOnlyList<StepReport> Build(IEnumerable<Check> checks, int? untilStep = null, string? walkStop = null, int? stoppedAt = null)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var byStep = checks.GroupBy(c => c.Step).ToDictionary(g => g.Key, g => g.ToList());
        Check? firstFailure = null;
        var steps = new List<StepReport>();
        for (var step = 1; step <= 20; step++)
        {
            var list = step > untilStep
                ? [Steps.UntilStepRule.Of(step).Skip($"not walked: stopped after step {untilStep} (--until-step)")]
                : byStep.GetValueOrDefault(step) ?? [];
            list = firstFailure is not null && Unobserved(list, step, stoppedAt)
                ? [.. list.Select(c => c.Because is null && !IsFinding(c) ? c with { Verdict = Verdict.Skip, Because = Cause(firstFailure) } : c)]
                : [.. list.Select(c => NotReached(c, firstFailure, walkStop))];
            if (list.Count == 0)
            {
                var none = Steps.NoneRule.Of(step).Skip();
                list = [firstFailure is not null && step > stoppedAt ? none.ExplainedBy(Cause(firstFailure)) : none];
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

    /// <summary>What a step not reached says: the failure that stopped the walk, by id.</summary>
    public static string Cause(Check failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var observed = failure.Observed.Length <= 80 ? $": observed {failure.Observed}" : "";
        return $"not reached: step {failure.Step} failed ({failure.Id} {failure.Title}{observed})";
    }

    // Nothing of the step was seen: after the walk stopped (its exchange missing: a check that
    // passed on nothing is not a judgement either), or its exchange missing after a failure.
    private static bool Unobserved(List<Check> list, int step, int? stoppedAt) =>
        list.Count > 0
        && (list.All(c => c.Verdict == Verdict.Skip || IsMissing(c)) || step > stoppedAt && list.Any(IsMissing))
        && (step > stoppedAt || list.Any(IsMissing));

    // A fail or warn about something that was observed (e.g. the broker's answer to a silent
    // prompt=none request without its state) stands, whatever stopped the walk.
    private static bool IsFinding(Check c) => c.Verdict is Verdict.Fail or Verdict.Warn && !IsMissing(c);

    private static bool IsMissing(Check c) => c.Verdict == Verdict.Fail && c.Id.EndsWith(".observed", StringComparison.Ordinal);

    // A step's exchange that never happened: the earlier failure's consequence (e.g. the dashboard
    // rightly refusing step 12's response sends no step 15), else the walk's stop says why.
    private static Check NotReached(Check check, Check? firstFailure, string? walkStop) =>
        !IsMissing(check) ? check
        : firstFailure is not null ? check.ExplainedBy(Cause(firstFailure))
        : walkStop is null ? check : check with { Observed = $"{check.Observed}; the walk stopped: {walkStop}" };
}
