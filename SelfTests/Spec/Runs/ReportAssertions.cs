using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Reports;

namespace PbenchAuthSpec.SelfTests.Spec.Runs;

/// <summary>Readable failure text for whole-run assertions: the steps and checks that did not pass.</summary>
internal static class ReportAssertions
{
    public static string Problems(this SpecReport report) =>
        string.Join("\n", report.Steps.SelectMany(s => s.Checks).Where(c => c.Verdict is Verdict.Fail or Verdict.Warn).Select(c => c.ToString()))
        + (report.Walk is { } walk ? $"\nwalk: {walk}" : "");

    public static string Verdicts(this SpecReport report) =>
        string.Join(" ", report.Steps.Select(s => $"{s.Step}:{s.Verdict.ToString().ToLowerInvariant()}"));
}
