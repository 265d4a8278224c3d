using PbenchAuthSpec.SpecTests.Catalogue;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Reports;

namespace PbenchAuthSpec.SpecTests.Tests.Runs;

/// <summary>Readable failure text for whole-run assertions: the steps and checks that did not pass.</summary>
internal static class ReportAssertions
{
    public static string Problems(this SpecReport report) =>
        string.Join("\n", report.Steps.SelectMany(s => s.Checks).Where(c => c.Verdict is Verdict.Fail or Verdict.Warn).Select(c => c.ToString()))
        + (report.Walk is { } walk ? $"\nwalk: {walk}" : "");

    /// <summary>The report's check ids that <see cref="CheckIds"/> (README's list) does not have.</summary>
    public static IEnumerable<string> UnregisteredIds(this SpecReport report)
    {
        var catalogue = TargetCatalogue.Load(report.Catalogue).For(report.Profile, report.Catalogue);
        return report.Steps.SelectMany(s => s.Checks).Select(c => c.Id).Where(id => !CheckIds.Exists(id, catalogue)).Distinct();
    }

    /// <summary>Check id → verdict, for comparing runs.</summary>
    public static IReadOnlyDictionary<string, Verdict> VerdictsById(this SpecReport report) =>
        report.Steps.SelectMany(s => s.Checks).GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.Max(c => c.Verdict));

    public static IEnumerable<string> IdsWith(this SpecReport report, Verdict verdict) =>
        report.Steps.SelectMany(s => s.Checks).Where(c => c.Verdict == verdict).Select(c => c.Id).Distinct();

    public static string Verdicts(this SpecReport report) =>
        string.Join(" ", report.Steps.Select(s => $"{s.Step}:{s.Verdict.ToString().ToLowerInvariant()}"));
}
