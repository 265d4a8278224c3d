using System.Collections.Concurrent;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.SpecTests.Catalogue;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Reports;
using PbenchAuthSpec.SpecTests.Tests.UpstreamIdp.Support;

namespace PbenchAuthSpec.SpecTests.Tests.Runs;

/// <summary>
/// The defect matrix: for every row of fixtures/defects.json and every dashboard it names, a run
/// against that dashboard with the defect switched on gets the row's verdict at exactly the row's
/// steps for that dashboard, and nowhere a worse verdict than a clean run against the same dashboard.
/// Rows run two at a time: each starts its own stand-ins on free ports and its own browser context.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public sealed class DefectMatrixTests
{
    // One clean run per dashboard, made by the first row that needs it.
    private readonly ConcurrentDictionary<string, Lazy<Task<SpecReport>>> _clean = new(StringComparer.Ordinal);

    public static IEnumerable<TestCaseData> Rows() =>
        DefectCatalogue.Load().Defects
            .SelectMany(row => row.Dashboards.Select(d => new TestCaseData(row, d).SetArgDisplayNames(row.Name, d)));

    [Test]
    public void Every_row_names_steps_for_each_of_its_dashboards_and_a_verdict()
    {
        DefectCatalogue.Load().Defects.Should().NotBeEmpty().And.OnlyContain(d =>
            d.Dashboards.Count > 0 && d.Dashboards.All(dashboard => d.StepsFor(dashboard).Count > 0 && d.StepsFor(dashboard).All(s => s >= 1 && s <= 20))
            && d.StepsByDashboard.Keys.All(d.Dashboards.Contains) && (d.Verdict == "fail" || d.Verdict == "warn"));
    }

    [TestCaseSource(nameof(Rows))]
    public async Task A_defect_is_caught_at_exactly_its_catalogued_steps(DefectRow row, string dashboard)
    {
        var clean = await CleanAsync(dashboard, row.Idp);
        var report = await RunAsync(dashboard, row.Idp, row.Name);

        var steps = row.StepsFor(dashboard);
        var expected = row.Verdict == "warn" ? Verdict.Warn : Verdict.Fail;
        var because = $"{row.Name} ({row.Description}) must be {expected} at steps {string.Join(",", steps)} with dashboard {dashboard}; got {report.Verdicts()}\n{report.Problems()}";
        foreach (var step in steps)
        {
            report.Step(step).Verdict.Should().Be(expected, because);
        }

        foreach (var step in report.Steps.Where(s => !steps.Contains(s.Step)))
        {
            ((int)step.Verdict).Should().BeLessThanOrEqualTo((int)Worse(clean.Step(step.Step).Verdict, Verdict.Pass), $"step {step.Step} is no worse than in the clean {dashboard} run; {because}");
        }
    }

    private Task<SpecReport> CleanAsync(string dashboard, string? idp) =>
        _clean.GetOrAdd($"{dashboard}|{idp}", _ => new Lazy<Task<SpecReport>>(() => RunAsync(dashboard, idp, defect: null))).Value;

    // A row that needs another upstream IdP (its "idp") runs against that provider in MockIdp's place, its clean run too.
    private static async Task<SpecReport> RunAsync(string dashboard, string? idp, string? defect)
    {
        (string, string)[] variables = defect is null ? [("DASHBOARD", dashboard)] : [("DEFECTS", defect), ("DASHBOARD", dashboard)];
        if (idp is null)
        {
            return await SharedBrowser.RunAsync(SharedBrowser.Settings(variables));
        }

        var variant = idp.StartsWith("oidc-provider:", StringComparison.Ordinal) ? idp["oidc-provider:".Length..] : throw new InvalidOperationException($"defects.json idp '{idp}': expected oidc-provider:VARIANT");
        await using var upstream = await UpstreamIdpSetup.StartAsync(variant, defects: defect is null ? [] : [defect], targetHost: dashboard == "kc" ? "localhost" : "127.0.0.1");
        return await UpstreamIdpRunTests.RunAsync(upstream, variables);
    }

    private static Verdict Worse(Verdict a, Verdict b) => a > b ? a : b;
}
