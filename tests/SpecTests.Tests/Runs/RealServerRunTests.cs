using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.ReferenceServer;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Engine;
using PbenchAuthSpec.StandIns;

namespace PbenchAuthSpec.SpecTests.Tests.Runs;

/// <summary>
/// The stand-ins with ReferenceServer answering as the real Pbench server does (its five
/// real-server switches): the verdict names exactly the real server's bugs, a known-failures list
/// of them gates the run, and runs in a row against the same stand-ins agree.
/// </summary>
[NonParallelizable]
public sealed class RealServerRunTests
{
    private static readonly string[] RealServerFails = ["s20.exp-missing", "s20.wrong-iss", "s20.control.rotated-key"];
    private static readonly string[] RealServerWarns = ["s19.www-authenticate", "s20.www-authenticate", "s20.query-token"];
    private static readonly string Defects = string.Join(",", DefectNames.RealServer);
    private static readonly string PbenchCatalogue = FixturePaths.File("targets", "pbench.json");

    [Test]
    public async Task The_real_server_behaviour_fails_exactly_its_three_bugs_and_a_list_of_them_gates_the_run()
    {
        var list = Path.Combine(SharedBrowser.Artifacts, $"known-{Guid.NewGuid():N}.txt");
        Directory.CreateDirectory(SharedBrowser.Artifacts);

        var report = await SharedBrowser.RunAsync(SharedBrowser.Settings(("DEFECTS", Defects), ("CATALOGUE", PbenchCatalogue), ("WRITE_KNOWN_FAILURES", list)));
        var gated = await SharedBrowser.RunAsync(SharedBrowser.Settings(("DEFECTS", Defects), ("CATALOGUE", PbenchCatalogue), ("KNOWN_FAILURES", list), ("DASHBOARD", "none")));

        report.IdsWith(Verdict.Fail).Should().BeEquivalentTo(RealServerFails, report.Problems());
        report.IdsWith(Verdict.Warn).Should().BeEquivalentTo(RealServerWarns, report.Problems());
        report.Steps.Where(s => s.Step is not (19 or 20)).Should().OnlyContain(s => s.Verdict == Verdict.Pass, "the pbench catalogue's rows are all accepted: " + report.Verdicts());
        report.Step(20).Checks.Single(c => c.Id == "s20.control.rotated-key").Fix.Should().Be("re-read the realm's keys when a token names an unknown kid");
        report.Step(20).Checks.Single(c => c.Id == "s20.query-token").Observed.Should().Contain("Unknown URL query keys: access_token");
        report.Step(18).Checks.Single(c => c.Id == "s18.refreshed").Verdict.Should().Be(Verdict.Pass, "the rotation comes after the refresh");
        report.UnregisteredIds().Should().BeEmpty();
        report.Summary.ExitCode.Should().Be(1);
        (await File.ReadAllLinesAsync(list)).Where(l => !l.StartsWith('#')).Select(l => l.Split(' ')[0]).Should().BeEquivalentTo(RealServerFails);

        gated.Summary.Should().Match<Reports.ReportSummary>(s => s.RunVerdict == "pass" && s.Known == 3 && s.Fixed.Count == 0, gated.Problems());
        gated.IdsWith(Verdict.Fail).Should().BeEquivalentTo(RealServerFails, "protocol mode finds the same bugs");
        (await File.ReadAllTextAsync(Path.Combine(gated.RunDirectory, "exit-code"))).Trim().Should().Be("0");
    }

    [Test]
    public async Task A_query_token_the_dataset_list_refuses_with_400_but_api_key_serves_fails_at_api_key()
    {
        var report = await SharedBrowser.RunAsync(SharedBrowser.Settings(("DEFECTS", $"{Defects},{DefectNames.TokenInQuery}"), ("CATALOGUE", PbenchCatalogue), ("DASHBOARD", "none")));

        report.IdsWith(Verdict.Fail).Should().BeEquivalentTo([.. RealServerFails, "s20.query-token"], report.Problems());
        report.Step(20).Checks.Single(c => c.Id == "s20.query-token").Observed.Should().Contain("GET /api/v1/key", "the dataset list's strict query check hides the bug; the key list does not");
    }

    [Test]
    public async Task Runs_in_a_row_against_the_same_stand_ins_agree_and_leave_the_brokers_key_as_it_was()
    {
        await using var stack = await StandInStack.StartAsync(new StandInStackOptions { Defects = DefectNames.RealServer });
        var original = stack.Broker.SigningKey().Kid;
        var settings = SharedBrowser.Settings(("DASHBOARD", "none"), ("CATALOGUE", PbenchCatalogue));

        var first = await SharedBrowser.RunAsync(settings, EmbeddedTarget.At(stack.TargetUrl, stack.RealmUrl));
        var keyAfterFirst = stack.Broker.SigningKey().Kid;
        var second = await SharedBrowser.RunAsync(settings with { RunDirectory = null }, EmbeddedTarget.At(stack.TargetUrl, stack.RealmUrl));
        // A run killed between rotating and restoring leaves the broker rotated: the next run puts it back first.
        stack.Broker.RotateSigningKey();
        var afterInterrupted = await SharedBrowser.RunAsync(settings with { RunDirectory = null }, EmbeddedTarget.At(stack.TargetUrl, stack.RealmUrl));

        first.IdsWith(Verdict.Fail).Should().BeEquivalentTo(RealServerFails, first.Problems());
        keyAfterFirst.Should().Be(original);
        second.VerdictsById().Should().BeEquivalentTo(first.VerdictsById(), "a second run gives the same verdicts");
        afterInterrupted.VerdictsById().Should().BeEquivalentTo(first.VerdictsById());
        afterInterrupted.Changes.Should().Contain(c => c.System == "broker" && c.Restored && c.What.Contains("found rotated before the run", StringComparison.Ordinal));
        stack.Broker.SigningKey().Kid.Should().Be(original);
    }

    [Test]
    public async Task A_wrongly_allowed_delete_is_reported_and_the_next_row_on_the_dataset_is_not_failed_for_it()
    {
        var report = await SharedBrowser.RunAsync(SharedBrowser.Settings(("DEFECTS", DefectNames.NonOwnerDelete), ("DASHBOARD", "none")));

        var rows = report.Step(19).Checks;
        rows.Single(c => c.Id == "s19.3").Verdict.Should().Be(Verdict.Fail, "a non-owner deleted the dataset");
        rows.Single(c => c.Id == "s19.4").Should().Match<Check>(c => c.Verdict == Verdict.Skip && c.Observed.Contains("not judged: dataset alice-private-1 deleted by s19.3", StringComparison.Ordinal), rows[3].Observed);
        report.IdsWith(Verdict.Fail).Should().BeEquivalentTo(["s19.3"]);
        report.Changes.Should().ContainEquivalentOf(new RunChange
        {
            System = "target", Check = "s19.3", What = "dataset alice-private-1 deleted", Request = "DELETE /api/v1/datasets/alice-private-1 as bob → 200",
            Restored = false, Restore = "re-create dataset alice-private-1 on the target",
        });
        (await File.ReadAllTextAsync(Path.Combine(report.RunDirectory, "console.txt"))).Should().Contain("changed on the target: dataset alice-private-1 deleted (DELETE /api/v1/datasets/alice-private-1 as bob → 200; s19.3) — NOT restored");
    }
}
