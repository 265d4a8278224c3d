using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.SpecTests.Checks;

namespace PbenchAuthSpec.SpecTests.Tests.Runs;

/// <summary>The whole walk against the embedded stand-ins, in both profiles and in protocol mode.</summary>
[NonParallelizable]
public sealed class EmbeddedRunTests
{
    [Test]
    public async Task The_embedded_run_passes_with_no_fail_and_all_20_steps_in_report_json()
    {
        var report = await SharedBrowser.RunAsync(SharedBrowser.Settings());

        report.Summary.RunVerdict.Should().Be("pass", report.Problems());
        report.Steps.Select(s => s.Step).Should().Equal(Enumerable.Range(1, 20));
        report.Steps.Should().OnlyContain(s => s.Verdict == Verdict.Pass, report.Verdicts());
        File.Exists(Path.Combine(report.RunDirectory, "report.json")).Should().BeTrue();
        File.Exists(Path.Combine(report.RunDirectory, "report.html")).Should().BeTrue();
        report.Trace.Should().Contain(h => h.RequestStep == null && h.Url.Contains("/broker/mockidp/login", StringComparison.Ordinal), "the broker's own hop is unnumbered");
        report.UnregisteredIds().Should().BeEmpty("every id a run reports is in CheckIds and README");
        report.Changes.Should().BeEquivalentTo([new { System = "broker", Check = "s20.control.rotated-key", Restored = true }], "the rotation control's key is restored at the end");
    }

    [Test]
    public async Task The_keycloak_js_dashboard_run_passes_and_shows_check_sso_s_prompt_none_round_trip_as_an_unnumbered_hop()
    {
        var report = await SharedBrowser.RunAsync(SharedBrowser.Settings(("DASHBOARD", "kc")));

        report.Summary.RunVerdict.Should().Be("pass", report.Problems());
        report.Steps.Should().OnlyContain(s => s.Verdict == Verdict.Pass, report.Verdicts());
        new Uri(report.Target).Host.Should().Be("localhost", "the dashboard is on another site than the broker, as in a real deployment");
        new Uri(report.Broker).Host.Should().Be("127.0.0.1");
        var step3 = report.Trace.Single(h => h.RequestStep == 3);
        var silent = report.Trace.Where(h => h.Id < step3.Id && h.Url.Contains("/protocol/openid-connect/auth?", StringComparison.Ordinal) && h.Url.Contains("prompt=none", StringComparison.Ordinal)).ToList();
        silent.Should().ContainSingle("keycloak-js's check-sso asks the broker once before the user clicks Login");
        silent[0].RequestStep.Should().BeNull();
        silent[0].ResponseStep.Should().BeNull();
        silent[0].Status.Should().Be(302);
        silent[0].Response.Should().Contain($"location: {report.Target}/dashboard-kc/#error=login_required&state=");
        report.Trace.Should().Contain(h => h.RequestStep == null && h.Url.EndsWith("/3p-cookies/step1.html", StringComparison.Ordinal));
        step3.Url.Should().NotContain("prompt=");
        report.Step(12).Checks.Should().Contain(c => c.Id == "s12.response-mode" && c.Verdict == Verdict.Pass && c.Observed.Contains("fragment: code=", StringComparison.Ordinal));
    }

    [Test]
    public async Task The_diagram_profile_passes_against_the_reference_servers_diagram_profile()
    {
        var report = await SharedBrowser.RunAsync(SharedBrowser.Settings(("PROFILE", "diagram")));

        report.Summary.RunVerdict.Should().Be("pass", report.Problems());
        report.Profile.Should().Be("diagram");
        report.Step(2).Checks.Should().Contain(c => c.Id == "s2.auth-uri" && c.Verdict == Verdict.Pass);
    }

    [Test]
    public async Task Protocol_mode_plays_the_dashboard_and_skips_steps_13_and_14()
    {
        var report = await SharedBrowser.RunAsync(SharedBrowser.Settings(("DASHBOARD", "none")));

        report.Summary.RunVerdict.Should().Be("pass", report.Problems());
        report.Step(13).Verdict.Should().Be(Verdict.Skip);
        report.Step(14).Verdict.Should().Be(Verdict.Skip);
        report.Steps.Where(s => s.Step is not (13 or 14)).Should().OnlyContain(s => s.Verdict == Verdict.Pass, report.Verdicts());
    }

    [Test]
    public async Task Until_step_stops_the_walk_and_dumps_the_state()
    {
        var report = await SharedBrowser.RunAsync(SharedBrowser.Settings(("UNTIL_STEP", "8")));

        report.Steps.Take(8).Should().OnlyContain(s => s.Verdict == Verdict.Pass, report.Verdicts());
        report.Steps.Skip(8).Should().OnlyContain(s => s.Verdict == Verdict.Skip);
        var state = await File.ReadAllTextAsync(Path.Combine(report.RunDirectory, "state.json"));
        state.Should().Contain("\"cookies\"").And.Contain("\"journal\"").And.Contain("/login?tx=", "the browser stopped on the IdP's login page");
    }
}
