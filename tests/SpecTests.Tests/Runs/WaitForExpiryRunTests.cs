using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.StandIns;

namespace PbenchAuthSpec.SpecTests.Tests.Runs;

/// <summary>--wait-for-expiry against MockBroker's foreign mode: bounded, and saying so.</summary>
[NonParallelizable]
public sealed class WaitForExpiryRunTests
{
    // The realm's tokens live 30 s: long enough for steps 17-19 to use step 16's token under
    // load, short enough to wait for. The run then sends that very token after exp + leeway.
    [TestCase("", Verdict.Pass)]
    [TestCase("accept-expired", Verdict.Fail)]
    public async Task Step_16s_own_token_is_sent_after_it_expired_and_a_target_accepting_it_fails(string defect, Verdict expected)
    {
        var folder = Directory.CreateTempSubdirectory("pbench-auth-spec-wait-").FullName;
        try
        {
            var fixture = Path.Combine(folder, "broker.json");
            var text = await File.ReadAllTextAsync(FixturePaths.File("broker.json"));
            await File.WriteAllTextAsync(fixture, text.Replace("\"accessTokenLifespan\": 300,", "\"accessTokenLifespan\": 30,", StringComparison.Ordinal));
            await using var stack = await StandInStack.StartAsync(new StandInStackOptions
            {
                ForeignBroker = true, BrokerFixture = fixture, Defects = defect.Length == 0 ? [] : [defect],
            });

            var report = await SharedBrowser.RunAsync(Settings(stack, wait: true));
            var expired = report.Steps.SelectMany(s => s.Checks).Single(c => c.Id == "s20.expired");

            expired.Verdict.Should().Be(expected, $"{expired.Title}: {expired.Observed}");
            expired.Title.Should().Contain("after waiting", "the check says how the expired token was obtained");
            report.Summary.ExitCode.Should().Be(defect.Length == 0 ? 0 : 1, report.Problems());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task A_token_living_an_hour_is_not_waited_for_and_the_expired_case_says_why()
    {
        var folder = Directory.CreateTempSubdirectory("pbench-auth-spec-hour-").FullName;
        try
        {
            // The realm's tokens live an hour: longer than the run waits.
            var fixture = Path.Combine(folder, "broker.json");
            var text = await File.ReadAllTextAsync(FixturePaths.File("broker.json"));
            await File.WriteAllTextAsync(fixture, text.Replace("\"accessTokenLifespan\": 300,", "\"accessTokenLifespan\": 3600,", StringComparison.Ordinal));
            await using var stack = await StandInStack.StartAsync(new StandInStackOptions { ForeignBroker = true, BrokerFixture = fixture });

            var report = await SharedBrowser.RunAsync(Settings(stack, wait: true));

            report.Summary.ExitCode.Should().Be(0, report.Problems());
            report.Steps.SelectMany(s => s.Checks).Single(c => c.Id == "s20.expired").Should().Match<Check>(c => c.Verdict == Verdict.Skip
                && c.Observed.StartsWith("step 16's own token is past its exp plus the target's leeway (0 s) only in 3", StringComparison.Ordinal)
                && c.Observed.Contains("longer than the 600 s the run waits at most", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Settings.SpecSettings Settings(StandInStack stack, bool wait) =>
        SharedBrowser.Settings(
            ("TARGET", stack.TargetUrl), ("BROKER", stack.RealmUrl), ("DASHBOARD", "none"), ("CATALOGUE", FixturePaths.File("targets", "reference-server.json")),
            ("LOGIN_USERNAME", "alice"), ("LOGIN_PASSWORD", "alice-password"), ("OTHER_USERNAME", "bob"), ("OTHER_PASSWORD", "bob-password"),
            ("ADMIN_USERNAME", "admin"), ("ADMIN_PASSWORD", "admin-password"), ("OTHER_REALM_PASSWORD", ""), ("WAIT_FOR_EXPIRY", wait ? "true" : "false"));
}
