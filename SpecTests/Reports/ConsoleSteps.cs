using System.Text;
using PbenchAuthSpec.SpecTests.Checks;

namespace PbenchAuthSpec.SpecTests.Reports;

/// <summary>
/// The console's step lines, about causes rather than their cascade: consecutive steps skipped for
/// one reason share one line ("steps 5–20 not reached: step 4 failed (…)"); within a step, checks
/// skipped because of the same earlier finding share one line naming it; every other check that
/// did not pass has its own line, its fix included (skips too).
/// </summary>
public static class ConsoleSteps
{
    private const int ObservedMax = 240;

    public static void Render(StringBuilder text, IReadOnlyList<StepReport> steps)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(steps);
        for (var i = 0; i < steps.Count; i++)
        {
            var run = SkippedRun(steps, i);
            if (run > 1)
            {
                var first = steps[i].Step;
                var last = steps[i + run - 1].Step;
                var range = $"{first}–{last}";
                text.Append($"{range,4} SKIP    steps {range} {CheckLines.SkipReason(steps[i])}\n");
                i += run - 1;
                continue;
            }

            Step(text, steps[i]);
        }
    }

    private static void Step(StringBuilder text, StepReport step)
    {
        var verdict = step.Known ? "KNOWN" : step.Verdict.ToString().ToUpperInvariant();
        text.Append($"{step.Step,4} {verdict,-7} {step.Count(Verdict.Pass),5} {step.Count(Verdict.Warn),4} {step.Count(Verdict.Fail),4} {step.Count(Verdict.Skip),4}  {step.From} → {step.To}: {step.Label}\n");
        var explained = step.Checks.Where(c => c.Verdict == Verdict.Skip && c.Because is not null).GroupBy(c => c.Because!).Where(g => g.Count() > 1).ToDictionary(g => g.Key, g => g.ToList());
        var said = new HashSet<string>(StringComparer.Ordinal);
        foreach (var check in step.Checks.Where(c => c.Verdict != Verdict.Pass))
        {
            if (check.Because is { } because && explained.TryGetValue(because, out var group))
            {
                if (said.Add(because))
                {
                    var ids = CheckLines.Shorten(string.Join(", ", group.Select(c => c.Id)), ObservedMax);
                    text.Append($"       SKIP {group.Count} checks because {because}: {ids}\n");
                }

                continue;
            }

            text.Append($"       {CheckLines.Line(check, ObservedMax)}\n");
        }
    }

    // How many steps from index i on are skipped whole for the same single reason.
    private static int SkippedRun(IReadOnlyList<StepReport> steps, int i)
    {
        if (steps[i].Verdict != Verdict.Skip)
        {
            return 0;
        }

        var reason = CheckLines.SkipReason(steps[i]);
        var n = 1;
        while (i + n < steps.Count && steps[i + n].Verdict == Verdict.Skip && CheckLines.SkipReason(steps[i + n]) == reason)
        {
            n++;
        }

        return n;
    }
}
