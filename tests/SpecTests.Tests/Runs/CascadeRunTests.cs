using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Engine;
using PbenchAuthSpec.SpecTests.Reports;
using PbenchAuthSpec.StandIns;

namespace PbenchAuthSpec.SpecTests.Tests.Runs;

/// <summary>
/// Cause, not cascade, in whole runs: a broker fault or a set-up mistake is reported once, and
/// what it made impossible is a skip that names it (in report.json and as one console line).
/// </summary>
[NonParallelizable]
public sealed class CascadeRunTests
{
    [Test]
    public async Task An_unregistered_redirect_uri_is_one_failure_and_one_not_reached_line()
    {
        var report = await SharedBrowser.RunAsync(SharedBrowser.Settings(("DEFECTS", "dashboard-wrong-redirect-uri")));
        var console = ConsoleTable.Render(report).Split('\n');

        report.Summary.Fail.Should().Be(1, report.Problems());
        report.Step(4).Verdict.Should().Be(Verdict.Fail);
        report.Steps.Skip(4).Should().OnlyContain(s => s.Verdict == Verdict.Skip && s.Checks.All(c => c.Because != null && c.Because.StartsWith("not reached: step 4 failed (s4.", StringComparison.Ordinal)), report.Verdicts());
        console.Where(l => l.Contains("not reached", StringComparison.Ordinal)).Should().ContainSingle().Which.Should().StartWith("5–20 SKIP    steps 5–20 not reached: step 4 failed (s4.");
        console.Should().Contain(l => l.Contains("FAIL s4.", StringComparison.Ordinal) && l.Contains("— fix: register the dashboard's redirect URI", StringComparison.Ordinal));
    }

    [Test]
    public async Task A_discovery_issuer_the_target_does_not_trust_is_one_finding_and_its_503s_are_skips_naming_it()
    {
        await using var stack = await StandInStack.StartAsync();
        var announced = await AnnounceIssuerAsync(stack, stack.RealmUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal));

        var report = await SharedBrowser.RunAsync(SharedBrowser.Settings(("DASHBOARD", "none")), EmbeddedTarget.At(stack.TargetUrl, stack.RealmUrl));
        var console = ConsoleTable.Render(report);

        var failed = report.Steps.SelectMany(s => s.Checks).Where(c => c.Verdict == Verdict.Fail).ToList();
        failed.Select(c => c.Id).Should().Equal(["s3.setup.issuer"], report.Problems());
        failed[0].Fix.Should().StartWith($"the target trusts {stack.Broker.BaseUrl} but the broker announces {announced[..announced.IndexOf("/realms/", StringComparison.Ordinal)]}: set the broker's frontend URL");
        var explained = report.Steps.Where(s => s.Step >= 17).SelectMany(s => s.Checks).Where(c => c.Because?.StartsWith("step 3 failed (s3.setup.issuer)", StringComparison.Ordinal) ?? false).ToList();
        explained.Should().HaveCountGreaterThan(15, "every call with a token got the target's 503");
        explained.Should().OnlyContain(c => c.Verdict == Verdict.Skip);
        report.Steps.SelectMany(s => s.Checks).Should().NotContain(c => c.Id == Step17TokenCheck.TokenCheckId, "the issuer finding already explains the 503s");
        console.Split('\n').Count(l => l.Contains("because step 3 failed (s3.setup.issuer)", StringComparison.Ordinal)).Should().BeInRange(1, 3, "one line per step, not one per call:\n" + console);
    }

    [Test]
    public async Task A_broker_that_signs_a_wrong_issuer_is_reported_at_steps_12_and_16_and_the_targets_401s_point_there()
    {
        var report = await SharedBrowser.RunAsync(SharedBrowser.Settings(("DEFECTS", "broker-wrong-iss")));

        var failed = report.Steps.SelectMany(s => s.Checks).Where(c => c.Verdict == Verdict.Fail).ToList();
        failed.Select(c => c.Step).Distinct().Should().BeEquivalentTo([12, 16], report.Problems());
        report.Steps.Where(s => s.Step >= 17).SelectMany(s => s.Checks).Where(c => c.Because is not null)
            .Should().NotBeEmpty().And.OnlyContain(c => c.Because!.StartsWith("step 16 found the broker's token defective", StringComparison.Ordinal));
    }

    // The broker's discovery document, as a fault mapping answers it, with another issuer (Keycloak does this when its hostname is set for another name).
    private static async Task<string> AnnounceIssuerAsync(StandInStack stack, string issuer)
    {
        using var http = new HttpClient();
        var discovery = (await http.GetFromJsonAsync<JsonObject>(new Uri(stack.RealmUrl + "/.well-known/openid-configuration")))!;
        discovery["issuer"] = issuer;
        var mapping = new JsonObject
        {
            ["Title"] = "discovery names another issuer",
            ["Request"] = new JsonObject { ["Path"] = new Uri(stack.RealmUrl).AbsolutePath + "/.well-known/openid-configuration", ["Methods"] = new JsonArray("GET") },
            ["Response"] = new JsonObject { ["StatusCode"] = 200, ["BodyAsJson"] = discovery },
        };
        using var added = await http.PostAsync(new Uri(stack.Broker.BaseUrl + "/__admin/mappings"), new StringContent(mapping.ToJsonString(), Encoding.UTF8, "application/json"));
        added.EnsureSuccessStatusCode();
        return issuer;
    }
}
