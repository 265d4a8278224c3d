using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;

namespace PbenchAuthSpec.Cli.Tests;

/// <summary><c>serve</c> and <c>defects</c> run as the front door runs them: the built Cli as its own process.</summary>
public sealed class CliProcessTests
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "PbenchAuthSpec.Cli.dll");

    [Test]
    public async Task Serve_json_prints_the_urls_first_and_every_server_answers_until_SIGTERM()
    {
        using var process = Start("serve", "--json");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            var first = await process.StandardOutput.ReadLineAsync(timeout.Token);
            var urls = JsonNode.Parse(first!)!.AsObject();

            urls.Select(p => p.Key).Should().BeEquivalentTo("idp", "broker", "realm", "target");
            using var http = new HttpClient();
            var idp = await http.GetFromJsonAsync<JsonObject>(new Uri($"{urls["idp"]}/.well-known/openid-configuration"), timeout.Token);
            ((string?)idp!["issuer"]).Should().Be((string?)urls["idp"]);
            var realm = await http.GetFromJsonAsync<JsonObject>(new Uri($"{urls["realm"]}/.well-known/openid-configuration"), timeout.Token);
            ((string?)realm!["issuer"]).Should().Be((string?)urls["realm"]);
            var endpoints = await http.GetFromJsonAsync<JsonObject>(new Uri($"{urls["target"]}/api/v1/endpoints"), timeout.Token);
            ((string?)endpoints!["openid"]!["server"]).Should().Be((string?)urls["broker"]);
            var journal = await http.GetFromJsonAsync<JsonObject>(new Uri($"{urls["broker"]}/__admin/requests"), timeout.Token);
            journal!["requests"]!.AsArray().Select(r => (string?)r!["server"]).Should().Contain(["idp", "broker", "target"]);

            await SigtermAsync(process, timeout.Token);
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

    [Test]
    public async Task Serve_idp_brokers_a_running_provider_says_so_and_starts_no_mockidp()
    {
        const string Issuer = "http://127.0.0.1:9/realms/corp";
        using var process = Start("serve", "--json", "--idp", Issuer);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            var (urls, lines) = await ReadJsonBannerAsync(process, timeout.Token);

            ((string?)urls["idp"]).Should().Be(Issuer);
            lines.Should().Contain($"identity provider 'mockidp' at {Issuer} (not started here), client pbench-broker, redirect URI {urls["realm"]}/broker/mockidp/endpoint");
            lines.Should().NotContain(l => l.StartsWith("MockIdp", StringComparison.Ordinal) || l.Contains("(MockIdp,", StringComparison.Ordinal), "MockIdp is not running, so neither it nor its users are shown");
            await SigtermAsync(process, timeout.Token);
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

    [Test]
    public async Task Serve_with_an_unknown_defect_names_it_in_one_line_and_exits_2()
    {
        using var process = Start("serve", "--defect", "no-such-defect");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var stderr = await process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);

        process.ExitCode.Should().Be(2);
        stderr.TrimEnd().Split('\n').Should().ContainSingle().Which.Should().Contain("no-such-defect");
    }

    [Test]
    public async Task Defects_lists_every_catalogue_row_with_its_steps()
    {
        using var process = Start("defects", "--json");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var json = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        var rows = JsonNode.Parse(json)!.AsArray();

        using var table = Start("defects");
        var text = await table.StandardOutput.ReadToEndAsync(timeout.Token);
        await table.WaitForExitAsync(timeout.Token);

        process.ExitCode.Should().Be(0);
        table.ExitCode.Should().Be(0);
        rows.Should().HaveCountGreaterThanOrEqualTo(24);
        foreach (var row in rows)
        {
            text.Should().MatchRegex($@"(?m)^{(string?)row!["name"]}\s+{(string?)row["target"]}\s+step {string.Join(",", row["steps"]!.AsArray().Select(s => (int)s!))}");
        }
    }

    private static async Task SigtermAsync(Process process, CancellationToken cancellationToken)
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(cancellationToken);
        }

        await process.WaitForExitAsync(cancellationToken);
    }

    /// <summary>What <c>serve --json</c> prints before it waits: the JSON line of URLs, then the banner up to "Press Ctrl-C".</summary>
    internal static async Task<(JsonObject Urls, List<string> Lines)> ReadJsonBannerAsync(Process process, CancellationToken cancellationToken)
    {
        var urls = JsonNode.Parse((await process.StandardOutput.ReadLineAsync(cancellationToken))!)!.AsObject();
        var lines = new List<string>();
        while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line && !line.StartsWith("Press Ctrl-C", StringComparison.Ordinal))
        {
            lines.Add(line);
        }

        return (urls, lines);
    }

    internal static Process Start(params string[] args)
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
