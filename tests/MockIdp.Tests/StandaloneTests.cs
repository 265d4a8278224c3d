using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;

namespace PbenchAuthSpec.MockIdp.Tests;

/// <summary>The built MockIdp run as its own process, the way <c>dotnet run --project MockIdp</c> runs it.</summary>
public sealed class StandaloneTests
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "PbenchAuthSpec.MockIdp.dll");

    [Test]
    public async Task Standalone_MockIdp_prints_its_url_serves_discovery_and_stops_on_SIGTERM()
    {
        using var process = Start("--urls", "http://127.0.0.1:0", "--broker-url", "http://127.0.0.1:9");
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var first = await process.StandardOutput.ReadLineAsync(timeout.Token);

            first.Should().MatchRegex(@"^MockIdp listening on http://127\.0\.0\.1:\d+$");
            var url = first!["MockIdp listening on ".Length..];
            using var http = new HttpClient();
            var discovery = await http.GetFromJsonAsync<JsonObject>(new Uri($"{url}/.well-known/openid-configuration"), timeout.Token);
            ((string?)discovery!["issuer"]).Should().Be(url);

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(timeout.Token);
            }

            await process.WaitForExitAsync(timeout.Token);
            process.ExitCode.Should().Be(0);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [TestCase("--redirect-status", "301")]
    [TestCase("--no-such-option", "x")]
    [TestCase("--broker-url", "not a url")]
    [TestCase("--fixture", "/no/such/idp.json")]
    public async Task Bad_option_is_named_in_one_line_and_exits_2(string option, string value)
    {
        using var process = Start("--urls", "http://127.0.0.1:0", option, value);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var stderr = await process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);

        process.ExitCode.Should().Be(2);
        stderr.TrimEnd().Split('\n').Should().ContainSingle().Which.Should().Contain(option);
    }

    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
    }
}
