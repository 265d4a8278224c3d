using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Reports;

namespace PbenchAuthSpec.SelfTests.Spec;

/// <summary>report.json always has the 20 steps; verdicts, the "not reached" rule, --until-step and --strict; the HTML is self-contained.</summary>
public sealed class ReportTests
{
    private static SpecReport Report(IEnumerable<Check> checks, bool strict = false, int? until = null)
    {
        var steps = StepReportBuilder.Build(checks, until);
        var login = new SyntheticLogin();
        var trace = login.Trace();
        return new SpecReport
        {
            Steps = steps, Target = SyntheticLogin.Target, Broker = SyntheticLogin.Realm, Profile = "pbench", Dashboard = "plain",
            Summary = StepReportBuilder.Summarize(steps, strict),
            Trace = new TraceHopBuilder(SyntheticLogin.Target, SyntheticLogin.Realm, SyntheticLogin.Idp).Build(trace.All, trace.StepsOf),
            RunDirectory = "/tmp/run", Timings = new Dictionary<string, long> { ["login walk"] = 1200 },
        };
    }

    [Test]
    public void Report_json_has_all_20_steps_the_summary_and_the_trace()
    {
        var json = JsonNode.Parse(ReportJson.Serialize(Report(new SyntheticLogin().Evaluate())))!.AsObject();

        var steps = json["steps"]!.AsArray();
        steps.Select(s => s!["step"]!.GetValue<int>()).Should().Equal(Enumerable.Range(1, 20));
        string[] verdicts = ["pass", "warn", "fail", "skip"];
        steps.Should().OnlyContain(s => verdicts.Contains(s!["verdict"]!.GetValue<string>()) && s["checks"]!.AsArray().Count > 0);
        steps[15]!["checks"]!.AsArray()[0]!["rule"]!.GetValue<string>().Should().NotBeEmpty();
        json["summary"]!["runVerdict"]!.GetValue<string>().Should().Be("pass");
        json["trace"]!.AsArray().Should().Contain(h => h!["requestStep"] == null, "unnumbered hops are in the trace too");
        json["trace"]!.AsArray().Should().Contain(h => h!["responseStep"] != null && h["responseStep"]!.GetValue<int>() == 16);
        json["target"]!.GetValue<string>().Should().Be(SyntheticLogin.Target);
    }

    [Test]
    public void A_step_never_reached_after_a_failure_is_skipped_not_failed_again()
    {
        var login = new SyntheticLogin();
        login.Edit["auth"] = e => e with { ResponseBody = "<p>no providers</p>" };
        login.Edit["broker-login"] = _ => null;
        login.Edit["idp-authorize"] = _ => null;

        var steps = StepReportBuilder.Build(login.Evaluate());

        steps[3].Verdict.Should().Be(Verdict.Fail);
        steps[4].Checks.Single(c => c.Id == "s5.observed").Should().Match<Check>(c => c.Verdict == Verdict.Skip && c.Observed.StartsWith("not reached: step 4 failed", StringComparison.Ordinal));
        steps.Skip(4).Take(6).Should().OnlyContain(s => s.Verdict != Verdict.Fail);
    }

    [Test]
    public void Steps_after_until_step_are_skipped_and_steps_without_checks_still_appear()
    {
        var steps = StepReportBuilder.Build([Check.That(1, "s1.observed", "r", "t", true, "e", "o")], untilStep: 4);

        steps.Should().HaveCount(20);
        steps.Skip(4).Should().OnlyContain(s => s.Verdict == Verdict.Skip && s.Checks.Single().Observed.Contains("--until-step", StringComparison.Ordinal));
        steps[1].Checks.Single().Id.Should().Be("s2.none");
    }

    [Test]
    public void Warnings_pass_the_run_unless_strict()
    {
        var warn = new[] { Check.That(3, "s3.nonce", "OIDC", "nonce", false, "nonce", "missing", Verdict.Warn) };

        StepReportBuilder.Summarize(StepReportBuilder.Build(warn), strict: false).RunVerdict.Should().Be("pass");
        StepReportBuilder.Summarize(StepReportBuilder.Build(warn), strict: true).Should().Match<ReportSummary>(s => s.RunVerdict == "fail" && s.WarnedSteps.Contains(3));
    }

    [Test]
    public void Report_html_is_self_contained_and_embeds_the_data_safely()
    {
        var checks = new SyntheticLogin().Evaluate().Append(Check.That(17, "s17.x", "r", "</script><script>alert(1)</script>", false, "e", "o"));

        var html = ReportHtml.Render(Report(checks));

        html.Should().StartWith("<!doctype html>").And.Contain("id=\"report-data\"").And.Contain("createElementNS");
        html.Should().NotContain("<script src").And.NotContain("<link").And.NotContain("__REPORT_JSON__");
        html.Split("</script>").Should().HaveCount(3, "the embedded data cannot close its script element");
    }

    [Test]
    public void The_console_table_has_a_line_per_step_and_one_per_check_that_did_not_pass()
    {
        var login = new SyntheticLogin();
        login.AuthQuery.Remove("nonce");

        var table = ConsoleTable.Render(Report(login.Evaluate()));

        var lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s{0,3}\d{1,2} (PASS|WARN|FAIL|SKIP)")).Should().Be(20);
        lines.Should().Contain(l => l.Contains("WARN s3.nonce nonce present", StringComparison.Ordinal), "each line names its check id");
        table.Should().Contain("run PASSES");
    }

    [Test]
    public void Passwords_and_client_secrets_never_reach_the_report()
    {
        var json = ReportJson.Serialize(Report(new SyntheticLogin().Evaluate()));

        json.Should().NotContain("alice-password").And.Contain("password=REDACTED");
    }

    [Test]
    public void The_report_and_the_console_say_which_broker_admin_was_used_and_where_it_came_from()
    {
        var report = Report(new SyntheticLogin().Evaluate()) with { BrokerAdmin = new BrokerAdminReport("ops", "PBENCH_AUTH_SPEC_BROKER_ADMIN_USERNAME/PASSWORD") };

        var json = JsonNode.Parse(ReportJson.Serialize(report))!.AsObject();

        json["brokerAdmin"]!["username"]!.GetValue<string>().Should().Be("ops");
        json["brokerAdmin"]!["source"]!.GetValue<string>().Should().Be("PBENCH_AUTH_SPEC_BROKER_ADMIN_USERNAME/PASSWORD");
        ConsoleTable.Render(report).Should().Contain("broker admin: ops (PBENCH_AUTH_SPEC_BROKER_ADMIN_USERNAME/PASSWORD)");
        ConsoleTable.Render(report with { BrokerAdmin = new BrokerAdminReport(null, "none set") }).Should().Contain("broker admin: none set");
    }
}
