using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.SpecTests.Catalogue;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Reports;

namespace PbenchAuthSpec.SelfTests.Spec.Runs;

/// <summary>
/// The defect matrix: for every row of fixtures/defects.json, a run with that defect switched on
/// gets the row's verdict at exactly the row's steps, and nowhere a worse verdict than the clean run.
/// Rows run two at a time: each starts its own stand-ins on free ports and its own browser context.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public sealed class DefectMatrixTests
{
    private SpecReport? _clean;

    public static IEnumerable<TestCaseData> Rows() =>
        DefectCatalogue.Load().Defects
            .SelectMany(row => row.Dashboards.Where(d => d == "plain").Select(d => new TestCaseData(row, d).SetArgDisplayNames(row.Name, d)));

    [OneTimeSetUp]
    public async Task RunCleanAsync() => _clean = await SharedBrowser.RunAsync(SharedBrowser.Settings());

    [Test]
    public void Every_row_names_steps_and_a_verdict()
    {
        DefectCatalogue.Load().Defects.Should().NotBeEmpty().And.OnlyContain(d => d.Steps.Count > 0 && d.Steps.All(s => s >= 1 && s <= 20) && (d.Verdict == "fail" || d.Verdict == "warn"));
    }

    [TestCaseSource(nameof(Rows))]
    public async Task A_defect_is_caught_at_exactly_its_catalogued_steps(DefectRow row, string dashboard)
    {
        var report = await SharedBrowser.RunAsync(SharedBrowser.Settings(("DEFECTS", row.Name), ("DASHBOARD", dashboard)));

        var expected = row.Verdict == "warn" ? Verdict.Warn : Verdict.Fail;
        var because = $"{row.Name} ({row.Description}) must be {expected} at steps {string.Join(",", row.Steps)}; got {report.Verdicts()}\n{report.Problems()}";
        foreach (var step in row.Steps)
        {
            report.Step(step).Verdict.Should().Be(expected, because);
        }

        foreach (var step in report.Steps.Where(s => !row.Steps.Contains(s.Step)))
        {
            ((int)step.Verdict).Should().BeLessThanOrEqualTo((int)Worse(_clean!.Step(step.Step).Verdict, Verdict.Pass), $"step {step.Step} is no worse than in the clean run; {because}");
        }
    }

    private static Verdict Worse(Verdict a, Verdict b) => a > b ? a : b;
}
