using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Reports;
using PbenchAuthSpec.SpecTests.Settings;

namespace PbenchAuthSpec.SpecTests.Tests.Runs;

/// <summary>
/// The shipped <c>pbench</c> preset against the keycloak-js dashboard's Pbench-style face with the
/// real dashboard's switches on (keycloak-js 21.1.2, no PKCE, the route guard that drops the first
/// response), as the real Pbench dashboard behaves, with its exact verdicts; and the walk's
/// robustness: broker error pages end it at once, a preset page the target lacks is a settings error.
/// </summary>
[NonParallelizable]
public sealed class RealDashboardRunTests
{
    private static readonly (string, string) RealDashboard = ("DEFECTS", "dashboard-keycloak-js-21,dashboard-no-pkce,dashboard-drops-first-response");

    [Test]
    public async Task Against_Keycloak_24_the_real_dashboard_warns_at_3_and_12_passes_the_rest_and_makes_step_17_its_own_dataset_list()
    {
        var report = await SharedBrowser.RunAsync(SharedBrowser.Settings(("DASHBOARD", "pbench"), RealDashboard, ("KEYCLOAK_VERSION", "24")));

        report.Summary.RunVerdict.Should().Be("pass", report.Problems());
        report.Summary.WarnedSteps.Should().Equal([3, 12], report.Problems());
        NotPassing(report, 3).Should().Equal("s3.pkce");
        NotPassing(report, 12).Should().Equal("s12.abandoned-response");
        report.Steps.Where(s => s.Step is not (3 or 12)).Should().OnlyContain(s => s.Verdict == Verdict.Pass, report.Verdicts());
        report.Step(12).Checks.Single(c => c.Id == "s12.abandoned-response").Observed.Should().Contain("/dashboard/overview").And.Contain("prompt=none").And.Contain("/dashboard/auth");
        report.Step(16).Checks.Single(c => c.Id == "s16.setup.nonce").Verdict.Should().Be(Verdict.Pass);
        var step17 = report.Step(17).Checks.Single(c => c.Id == "s17.observed").Observed;
        step17.Should().Contain("/api/v1/datasets?metadata=").And.Contain("&mine=true").And.NotContain("made by the harness");
        report.Walk.Should().BeNull();
    }

    [Test]
    public async Task Against_Keycloak_26_without_the_nonce_mapper_the_step_16_nonce_finding_fails_the_run_and_the_walk_says_why()
    {
        var report = await SharedBrowser.RunAsync(SharedBrowser.Settings(("DASHBOARD", "pbench"), RealDashboard));

        report.Summary.RunVerdict.Should().Be("fail");
        report.Summary.FailedSteps.Should().Equal([16], report.Problems());
        report.Summary.WarnedSteps.Should().Equal([3, 12], report.Problems());
        NotPassing(report, 16).Should().Equal("s16.setup.nonce");
        var nonce = report.Step(16).Checks.Single(c => c.Id == "s16.setup.nonce");
        nonce.Observed.Should().Contain("[KEYCLOAK] Invalid nonce").And.Contain("access token nonce missing");
        nonce.Fix.Should().Be(Step16NonceSetup.Fix);
        report.Steps.Where(s => s.Step is 11 or 15 or (>= 17 and <= 20)).Should().OnlyContain(s => s.Verdict == Verdict.Pass, "a token came, so 17–20 ran: " + report.Verdicts());
        report.Step(17).Checks.Single(c => c.Id == "s17.observed").Observed.Should().Contain("made by the harness, not the dashboard");
        report.Walk.Should().Contain("stopped at step 16").And.Contain("Invalid nonce").And.Contain("'Pbench OpenId' is showing");
        report.WalkConsole.Should().Contain(line => line.Contains("[KEYCLOAK] Invalid nonce, clearing token", StringComparison.Ordinal))
            .And.OnlyContain(line => line.Contains("[KEYCLOAK]", StringComparison.Ordinal) || line.StartsWith("error:", StringComparison.Ordinal) || line.StartsWith("pageerror:", StringComparison.Ordinal));
    }

    [Test]
    public async Task A_broker_error_page_ends_the_walk_at_once_with_its_text()
    {
        var settings = SharedBrowser.Settings(("DEFECTS", "dashboard-wrong-redirect-uri"));

        var report = await SharedBrowser.RunAsync(settings);

        report.Walk.Should().Contain("stopped at step 4: the broker shows an error").And.Contain("redirect_uri");
        report.Timings["login walk"].Should().BeLessThan(settings.Timeouts.NavigationMs, "the error page is the broker's last word: nothing is waited for after it");
    }

    [Test]
    public async Task A_preset_whose_page_the_target_does_not_serve_is_a_settings_error_naming_the_presets()
    {
        var config = Path.Combine(Path.GetTempPath(), $"spec-config-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(config, """{"dashboard": "elsewhere", "dashboards": {"elsewhere": {"path": "/no-such-dashboard/"}, "plain": {"path": "/dashboard/"}}}""");
        try
        {
            var run = () => SharedBrowser.RunAsync(SharedBrowser.Settings(("CONFIG", config)));

            (await run.Should().ThrowAsync<SpecSettingsException>()).Which.Message.Should()
                .Contain("--dashboard elsewhere: the target serves no page at").And.Contain("/no-such-dashboard/ (404)").And.Contain("the presets configured are elsewhere, plain");
        }
        finally
        {
            File.Delete(config);
        }
    }

    private static List<string> NotPassing(SpecReport report, int step) =>
        [.. report.Step(step).Checks.Where(c => c.Verdict is Verdict.Warn or Verdict.Fail).Select(c => c.Id)];
}
