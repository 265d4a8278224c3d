using System.Diagnostics;
using FluentAssertions;
using NUnit.Framework;

namespace PbenchAuthSpec.MockBroker.Tests;

public sealed class StandaloneProgramTests
{
    [TestCase("--bogus", "unknown option '--bogus'")]
    [TestCase("--fault wrong-is", "unknown broker fault 'wrong-is'")]
    [TestCase("--keycloak-version twenty", "--keycloak-version twenty")]
    [TestCase("--urls http://0.0.0.0:0", "loopback only")]
    [TestCase("--fixture /nonexistent/broker.json", "no such file")]
    [TestCase("--idp-url not-a-url", "--idp-url not-a-url")]
    public async Task Bad_option_prints_one_clear_line_and_exits_2(string arguments, string message)
    {
        var (code, stdout, stderr) = await RunAsync(arguments, untilLine: null);

        code.Should().Be(2);
        stdout.Should().BeEmpty();
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle().Which.Should().StartWith("MockBroker: ").And.Contain(message);
    }

    [Test]
    public async Task Standalone_broker_prints_its_url_and_realm_first_and_serves_discovery()
    {
        var (_, stdout, _) = await RunAsync("--urls http://127.0.0.1:0 --idp-url http://127.0.0.1:9/ --keycloak-version 24", untilLine: "realm");

        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().MatchRegex(@"^MockBroker listening on http://127\.0\.0\.1:\d+$");
        lines[1].Should().Be($"MockBroker realm pbench-server: {lines[0]["MockBroker listening on ".Length..]}/realms/pbench-server");
    }

    /// <summary>Runs the built MockBroker; with <paramref name="untilLine"/>, reads stdout up to the line containing it, checks discovery, then stops the process.</summary>
    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string arguments, string? untilLine)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "PbenchAuthSpec.MockBroker.dll");
        using var process = Process.Start(new ProcessStartInfo("dotnet", $"\"{dll}\" {arguments}") { RedirectStandardOutput = true, RedirectStandardError = true })!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        if (untilLine is null)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await stdout, await stderr);
        }

        try
        {
            var first = await process.StandardOutput.ReadLineAsync(timeout.Token);
            var second = await process.StandardOutput.ReadLineAsync(timeout.Token);
            using var http = new HttpClient();
            var url = first!["MockBroker listening on ".Length..];
            (await http.GetAsync(new Uri($"{url}/realms/pbench-server/.well-known/openid-configuration"), timeout.Token)).IsSuccessStatusCode.Should().BeTrue();
            return (0, $"{first}\n{second}\n", "");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(timeout.Token);
        }
    }
}
