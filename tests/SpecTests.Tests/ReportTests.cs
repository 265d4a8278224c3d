using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Reports;

namespace PbenchAuthSpec.SpecTests.Tests;

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
        // The walk stopped at step 4: nothing after the broker's login page was exchanged.
        foreach (var role in new[] { "idp-authorize", "idp-login", "credentials", "idp-redirect", "broker-endpoint", "dashboard", "token" })
        {
            login.Edit[role] = _ => null;
        }


        var steps = StepReportBuilder.Build(login.Evaluate());

        steps[3].Verdict.Should().Be(Verdict.Fail);
        steps[4].Checks.Single(c => c.Id == "s5.observed").Should().Match<Check>(c => c.Verdict == Verdict.Skip && c.Because!.StartsWith("not reached: step 4 failed (s4.", StringComparison.Ordinal));
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
        // Steps 1-16 each have their line; 17-20 (no check ran: no target in this login) share one.
        lines.Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s{0,3}\d{1,2} (PASS|WARN|FAIL|SKIP)")).Should().Be(16);
        lines.Should().ContainSingle(l => l.StartsWith("17–20 SKIP    steps 17–20 ", StringComparison.Ordinal));
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
    public void A_step_whose_checks_were_all_skipped_is_a_skip_not_a_pass()
    {
        var steps = StepReportBuilder.Build([Check.Skipped(19, "s19.1", "r", "DELETE as bob → 403", "no token for 'other'"), Check.Skipped(19, "s19.2", "r", "PUT as bob → 403", "no token for 'other'")]);

        steps[18].Verdict.Should().Be(Verdict.Skip);
    }

    [Test]
    public void Console_skip_lines_print_their_fix_and_cut_observed_text_at_a_word_never_the_explanation()
    {
        var observed = string.Join(' ', Enumerable.Repeat("observed-word", 40));
        var checks = new SyntheticLogin().Evaluate().Where(c => c.Step < 17).Concat(
        [
            Check.Skipped(19, "s19.setup.password-grant", "RFC 6749 §4.3", "other users' tokens", "no token").WithFix("enable Direct Access Grants"),
            Check.That(20, "s20.expired", "RFC 6750 §3.1", "expired → 401", false, "401", observed).ExplainedBy("step 16 found the broker's token defective (s16.at.iss the token's iss is the broker's issuer)"),
        ]);

        var lines = ConsoleTable.Render(Report(checks)).Split('\n');

        lines.Should().Contain(l => l.Contains("SKIP s19.setup.password-grant", StringComparison.Ordinal) && l.EndsWith("— fix: enable Direct Access Grants", StringComparison.Ordinal));
        var cut = lines.Single(l => l.Contains("SKIP s20.expired", StringComparison.Ordinal));
        cut.Should().EndWith("— because step 16 found the broker's token defective (s16.at.iss the token's iss is the broker's issuer)");
        cut.Should().Contain("observed-word … (+").And.NotContain("observed-wo…");
    }

    [Test]
    public void An_exchange_missing_after_an_earlier_failure_is_a_skip_naming_it_while_the_step_s_other_checks_stand()
    {
        var steps = StepReportBuilder.Build(
        [
            Check.That(12, "s12.iss", "RFC 9207 §2.4", "iss is the broker's issuer", false, "http://b/realms/r", "http://b/realms/wrong"),
            Check.That(15, "s15.observed", "Diagram step 15", "step observed", false, "POST token", "the dashboard never exchanged a code"),
            Check.That(15, "s15.pkce", "RFC 7636", "code_verifier matches", true, "match", "match"),
        ]);

        var step15 = steps[14];
        step15.Checks.Single(c => c.Id == "s15.observed").Should().Match<Check>(c => c.Verdict == Verdict.Skip && c.Because!.StartsWith("not reached: step 12 failed (s12.iss", StringComparison.Ordinal));
        step15.Checks.Single(c => c.Id == "s15.pkce").Verdict.Should().Be(Verdict.Pass);
        steps.SelectMany(s => s.Checks).Where(c => c.Verdict == Verdict.Fail).Select(c => c.Id).Should().Equal("s12.iss");
    }

    [Test]
    public void Steps_not_reached_for_one_reason_share_one_console_line()
    {
        var login = new SyntheticLogin();
        login.Edit["auth"] = e => e with { ResponseBody = "<p>no providers</p>" };
        // The walk stopped at step 4: nothing after the broker's login page was exchanged.
        foreach (var role in new[] { "idp-authorize", "idp-login", "credentials", "idp-redirect", "broker-endpoint", "dashboard", "token" })
        {
            login.Edit[role] = _ => null;
        }

        var steps = StepReportBuilder.Build(login.Evaluate(), walkStop: "stopped at step 4: no provider link", stoppedAt: 4);

        var lines = ConsoleTable.Render(Report(steps.SelectMany(s => s.Checks))).Split('\n');

        lines.Where(l => l.Contains("not reached", StringComparison.Ordinal)).Should().ContainSingle(string.Join('\n', lines)).Which.Should().StartWith("5–20 SKIP    steps 5–20 not reached: step 4 failed (s4.");
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
