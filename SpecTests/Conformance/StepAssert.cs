using NUnit.Framework;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Reports;

namespace PbenchAuthSpec.SpecTests.Conformance;

/// <summary>One step's verdict as an NUnit outcome: fail lists the failed checks; warn is a warning (a failure under --strict); skip says why.</summary>
public static class StepAssert
{
    public static void Verify(int step)
    {
        var report = SpecRunFixture.Report;
        var strict = SpecRunFixture.Settings?.Strict ?? false;
        var s = report.Step(step);
        var failed = s.Checks.Where(c => c.Verdict == Verdict.Fail).ToList();
        var warned = s.Checks.Where(c => c.Verdict == Verdict.Warn).ToList();
        foreach (var check in s.Checks)
        {
            TestContext.Out.WriteLine(check.ToString());
        }

        if (failed.Count > 0 || (strict && warned.Count > 0))
        {
            Assert.Fail(Describe(s, failed.Concat(strict ? warned : []).ToList()));
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
            $"  {c.Verdict.ToString().ToUpperInvariant()} {c.Title} [{c.Rule}]: expected {c.Expected}; observed {c.Observed}{(c.Fix is { } f ? $" — fix: {f}" : "")}"));
}
