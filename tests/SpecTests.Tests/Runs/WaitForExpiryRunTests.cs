using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.StandIns;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.SpecTests.Checks;

namespace PbenchAuthSpec.SelfTests.Spec.Runs;

/// <summary>--wait-for-expiry against MockBroker's foreign mode: bounded, and saying so.</summary>
[NonParallelizable]
public sealed class WaitForExpiryRunTests
{
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

            var report = await SharedBrowser.RunAsync(SharedBrowser.Settings(
                ("TARGET", stack.TargetUrl), ("BROKER", stack.RealmUrl), ("DASHBOARD", "none"), ("CATALOGUE", FixturePaths.File("targets", "reference-server.json")),
                ("LOGIN_USERNAME", "alice"), ("LOGIN_PASSWORD", "alice-password"), ("OTHER_USERNAME", "bob"), ("OTHER_PASSWORD", "bob-password"),
                ("ADMIN_USERNAME", "admin"), ("ADMIN_PASSWORD", "admin-password"), ("OTHER_REALM_PASSWORD", ""), ("WAIT_FOR_EXPIRY", "true")));

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
}
