using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.SpecTests.Catalogue;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Reports;
using PbenchAuthSpec.SpecTests.Settings;

namespace PbenchAuthSpec.SpecTests.Tests;

/// <summary>--known-failures: the file's format, the ids it may name, and what a listed failure does to the verdicts, the console and the report.</summary>
public sealed class KnownFailureTests
{
    private static readonly ProfileCatalogue Catalogue = TargetCatalogue.Load(FixturePaths.File("targets", "reference-server.json")).For("pbench", "reference-server.json");

    private static readonly Check[] Run =
    [
        Check.That(18, "s18.1", "r", "owner lists datasets → 200", true, "200", "200"),
        Check.That(20, "s20.exp-missing", "RFC 9068 §2.2", "exp missing → 401", false, "401", "200"),
        Check.That(20, "s20.wrong-iss", "RFC 9068 §4", "wrong iss → 401", true, "401", "401"),
        Check.That(20, "s20.www-authenticate", "RFC 6750 §3", "WWW-Authenticate", false, "Bearer", "missing", Verdict.Warn),
    ];

    private static KnownFailureList List(params string[] lines) => KnownFailureList.Parse(lines, "/ci/known-failures.txt");

    private static SpecReport Report(KnownFailureList? known, bool strict = false, IEnumerable<Check>? checks = null)
    {
        var steps = KnownFailureMarks.Apply(StepReportBuilder.Build(checks ?? Run), known, strict);
        return new SpecReport
        {
            Steps = steps, Target = "http://127.0.0.1:1", Broker = "http://127.0.0.1:2/realms/pbench-server", Profile = "pbench", Dashboard = "none",
            Summary = StepReportBuilder.Summarize(steps, strict, known), RunDirectory = "/tmp/run",
        };
    }

    [Test]
    public void The_file_has_one_id_per_line_with_comments_blank_lines_and_reasons()
    {
        var list = List("# the real Pbench server", "", "s20.exp-missing   # exp not required", "  s20.wrong-iss", "s20.exp-missing");

        list.Reasons.Should().BeEquivalentTo(new Dictionary<string, string> { ["s20.exp-missing"] = "exp not required", ["s20.wrong-iss"] = "listed in known-failures.txt" });
        list.Lines["s20.wrong-iss"].Should().Be(4);
        var twoOnALine = () => List("s20.exp-missing s20.wrong-iss");
        twoOnALine.Should().Throw<SpecSettingsException>().WithMessage("--known-failures /ci/known-failures.txt:1: 's20.exp-missing s20.wrong-iss' is not one check id*");
    }

    [Test]
    public void An_id_no_check_has_is_a_settings_error_naming_the_line()
    {
        var typo = () => List("s20.exp-missing", "s20.exp-mising").Validate(Catalogue);
        var row = () => List($"s19.{Catalogue.Step19.Count + Catalogue.Step19.Count(c => c.ForgeAdminRole) + 1}").Validate(Catalogue);

        typo.Should().Throw<SpecSettingsException>().Which.Message.Should().StartWith("--known-failures /ci/known-failures.txt:2: 's20.exp-mising' is not a check id").And.NotContain("\n");
        row.Should().Throw<SpecSettingsException>();
        List("s20.exp-missing", "s19.1", "s2.observed").Validate(Catalogue);
    }

    [Test]
    public void A_file_that_cannot_be_read_is_a_settings_error()
    {
        var folder = Directory.CreateTempSubdirectory("known-failures-").FullName;
        try
        {
            var load = () => KnownFailureList.Load(folder);

            load.Should().Throw<SpecSettingsException>().Which.Message.Should().StartWith($"--known-failures {folder}: cannot read it");
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    [Test]
    public void Listed_failures_are_known_and_the_run_passes_while_an_unlisted_one_fails_it()
    {
        var gated = Report(List("s20.exp-missing  # exp not required"));
        var ungated = Report(null);
        var other = Report(List("s18.1"));

        gated.Summary.Should().Match<ReportSummary>(s => s.RunVerdict == "pass" && s.ExitCode == 0 && s.Known == 1 && s.Fail == 1);
        var check = gated.Step(20).Checks.Single(c => c.Id == "s20.exp-missing");
        check.Verdict.Should().Be(Verdict.Fail, "a known failure is never hidden");
        check.KnownFailure.Should().Be("exp not required");
        gated.Step(20).Known.Should().BeTrue();
        ungated.Summary.Should().Match<ReportSummary>(s => s.RunVerdict == "fail" && s.ExitCode == 1 && s.Known == 0);
        other.Summary.RunVerdict.Should().Be("fail");
        other.Summary.Fixed.Should().Equal("s18.1");
    }

    [Test]
    public void A_listed_check_that_passes_now_is_fixed_and_a_skipped_one_is_not()
    {
        var checks = Run.Append(Check.Skipped(20, "s20.other-realm", "r", "t", "no other realm"));

        var report = Report(List("s20.exp-missing", "s20.wrong-iss", "s20.other-realm"), checks: checks);

        report.Summary.Fixed.Should().Equal("s20.wrong-iss");
        ConsoleTable.Render(report).Should().Contain("fixed: s20.wrong-iss no longer fails — remove it from /ci/known-failures.txt");
    }

    [Test]
    public void Under_strict_a_listed_warn_is_a_known_failure()
    {
        var strict = Report(List("s20.exp-missing", "s20.www-authenticate"), strict: true);
        var unlisted = Report(List("s20.exp-missing"), strict: true);

        strict.Summary.Should().Match<ReportSummary>(s => s.RunVerdict == "pass" && s.Known == 2);
        unlisted.Summary.RunVerdict.Should().Be("fail");
    }

    [Test]
    public void The_console_and_report_json_show_known_failures_as_KNOWN()
    {
        var report = Report(List("s20.exp-missing  # exp not required"));

        var console = ConsoleTable.Render(report);
        var json = JsonNode.Parse(ReportJson.Serialize(report))!;

        console.Split('\n').Should().Contain(l => l.StartsWith("  20 KNOWN", StringComparison.Ordinal));
        console.Should().Contain("KNOWN s20.exp-missing exp missing → 401 [RFC 9068 §2.2] (known failure: exp not required)").And.Contain("1 fail (1 known)").And.Contain("run PASSES");
        var step20 = json["steps"]!.AsArray().Single(s => s!["step"]!.GetValue<int>() == 20)!;
        step20["known"]!.GetValue<bool>().Should().BeTrue();
        step20["checks"]!.AsArray().Single(c => c!["id"]!.GetValue<string>() == "s20.exp-missing")!["knownFailure"]!.GetValue<string>().Should().Be("exp not required");
        json["summary"]!["exitCode"]!.GetValue<int>().Should().Be(0);
        ReportHtml.Render(report).Should().Contain("known failure: ").And.Contain("\"knownFailure\": \"exp not required\"");
    }

    [Test]
    public void The_written_list_names_every_failing_check_and_reads_back_as_the_same_gate()
    {
        var report = Report(null, strict: true);

        var written = KnownFailureMarks.Render(report);
        var list = KnownFailureList.Parse(written.Split('\n'), "/ci/written.txt");

        written.Should().StartWith("# pbench-auth-spec known failures");
        list.Reasons.Keys.Should().BeEquivalentTo("s20.exp-missing", "s20.www-authenticate");
        list.Reasons["s20.exp-missing"].Should().Be("exp missing → 401");
        Report(list, strict: true).Summary.RunVerdict.Should().Be("pass");
    }
}
