using NUnit.Framework;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Reports;

namespace PbenchAuthSpec.SpecTests.Conformance;

/// <summary>
/// One step's verdict as an NUnit outcome: fail lists the failed checks; a step failing only by
/// known failures (--known-failures) is skipped with them as the reason; warn is a warning (a
/// failure under --strict); skip says why.
/// </summary>
public static class StepAssert
{
    public static void Verify(int step)
    {
        var report = SpecRunFixture.Report;
        var strict = SpecRunFixture.Settings?.Strict ?? false;
        var s = report.Step(step);
        var failing = s.Checks.Where(c => KnownFailureMarks.Failing(c, strict)).ToList();
        var warned = s.Checks.Where(c => c.Verdict == Verdict.Warn && !strict).ToList();
        foreach (var check in s.Checks)
        {
            TestContext.Out.WriteLine(check.ToString());
        }

        if (failing.Any(c => c.KnownFailure is null))
        {
            Assert.Fail(Describe(s, failing.Where(c => c.KnownFailure is null).ToList()));
        }

        // A failure --known-failures lists is skipped with its reason (CI shows it, not as a pass, not as a new failure).
        if (failing.Count > 0)
        {
            Assert.Ignore("known failure: " + Describe(s, failing));
        }

        if (warned.Count > 0)
        {
            Assert.Warn(Describe(s, warned));
        }

        if (s.Verdict == Verdict.Skip)
        {
            Assert.Ignore($"step {step} skipped: {string.Join("; ", s.Checks.Select(c => c.Observed).Distinct())}");
        }

        Assert.That(s.Checks.Where(c => c.Verdict == Verdict.Pass), Is.Not.Empty, $"step {step} has no passing check");
    }

    private static string Describe(StepReport step, List<Check> checks) =>
        $"step {step.Step} ({step.Title}):\n" + string.Join("\n", checks.Select(c =>
            $"  {(c.KnownFailure is null ? c.Verdict.ToString().ToUpperInvariant() : "KNOWN")} {c.Id} {c.Title} [{c.Rule}]{(c.KnownFailure is { } k ? $" (known failure: {k})" : "")}: expected {c.Expected}; observed {c.Observed}{(c.Fix is { } f ? $" — fix: {f}" : "")}"));
}
