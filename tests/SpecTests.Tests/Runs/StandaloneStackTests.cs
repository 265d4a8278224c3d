using System.Diagnostics;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Engine;

namespace PbenchAuthSpec.SpecTests.Tests.Runs;

/// <summary>
/// Protocol mode against a stack started the way <c>./pbench-auth-spec serve</c> starts it: its own
/// process, reached only over HTTP (the journal through <c>/__admin/requests</c>, the broker's key
/// recognised as the fixture key in its JWKS, rotation through its hook).
/// </summary>
[NonParallelizable]
public sealed class StandaloneStackTests
{
    private static readonly string Cli = Path.Combine(AppContext.BaseDirectory, "PbenchAuthSpec.Cli.dll");

    [Test]
    public async Task A_protocol_mode_run_against_the_served_stack_passes()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Cli, "serve", "--json" })
        {
            info.ArgumentList.Add(arg);
        }

        using var serve = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var urls = JsonNode.Parse(await serve.StandardOutput.ReadLineAsync(timeout.Token) ?? "{}")!;
            var settings = SharedBrowser.Settings(
                ("TARGET", (string)urls["target"]!), ("BROKER", (string)urls["realm"]!), ("DASHBOARD", "none"), ("CATALOGUE", FixturePaths.File("targets", "reference-server.json")));

            var report = await SharedBrowser.RunAsync(settings);

            report.Summary.RunVerdict.Should().Be("pass", report.Problems());
            report.Embedded.Should().BeFalse();
            report.Steps.Where(s => s.Step is not (13 or 14)).Should().OnlyContain(s => s.Verdict == Verdict.Pass, report.Verdicts());
            report.Step(11).Checks.Should().Contain(c => c.Id == "s11.code-exchange" && c.Verdict == Verdict.Pass, "the journal is read over /__admin/requests");
            report.Step(20).Checks.Should().Contain(c => c.Id == "s20.expired" && c.Verdict == Verdict.Pass, "tokens are forged with the fixture key the broker publishes");
            report.Step(20).Checks.Should().Contain(c => c.Id == "s20.control.rotated-key" && c.Verdict == Verdict.Pass, "the broker rotates on its hook");
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync();
        }
    }

    [Test]
    public async Task An_unreachable_target_fails_fast_with_one_line()
    {
        var settings = SharedBrowser.Settings(("TARGET", "http://127.0.0.1:9"), ("BROKER", "http://127.0.0.1:9/realms/pbench-server"));

        var run = () => SharedBrowser.RunAsync(settings);

        (await run.Should().ThrowAsync<SpecRunException>()).Which.Message.Should().StartWith("--broker http://127.0.0.1:9/realms/pbench-server is unreachable").And.NotContain("\n");
    }
}
