using System.Net;
using System.Text.RegularExpressions;
using FluentAssertions;
using NUnit.Framework;

namespace PbenchAuthSpec.Cli.Tests;

/// <summary><c>serve --target</c> as a user runs it: the built Cli as its own process.</summary>
public sealed partial class ServeTargetProcessTests
{
    [Test]
    public async Task Serve_target_names_the_target_in_its_json_and_prints_a_curl_line_that_gets_a_token()
    {
        using var process = CliProcessTests.Start("serve", "--target", "https://pbench.example.com/", "--json");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            var (urls, lines) = await CliProcessTests.ReadJsonBannerAsync(process, timeout.Token);

            ((string?)urls["target"]).Should().Be("https://pbench.example.com");
            urls.Select(p => p.Key).Should().BeEquivalentTo("idp", "broker", "realm", "target");
            lines.Should().NotContain(l => l.StartsWith("ReferenceServer", StringComparison.Ordinal));
            lines.Should().Contain(l => l.StartsWith("target ", StringComparison.Ordinal) && l.Contains("https://pbench.example.com/dashboard/*", StringComparison.Ordinal));
            lines.Should().Contain($"token endpoint   {urls["realm"]}/protocol/openid-connect/token");
            lines.Should().Contain(l => l.StartsWith("client           pbench-client", StringComparison.Ordinal));
            lines.Should().Contain(l => l.StartsWith("journal ", StringComparison.Ordinal) && l.Contains($"{urls["broker"]}/__admin/requests", StringComparison.Ordinal));
            lines.Should().Contain(l => l.StartsWith("fault mappings ", StringComparison.Ordinal) && l.Contains($"{urls["idp"]}/__admin/mappings", StringComparison.Ordinal));
            lines.Should().Contain(l => l.StartsWith("broker hooks ", StringComparison.Ordinal) && l.Contains("/rotate-key", StringComparison.Ordinal));
            lines.Should().Contain(l => l.StartsWith("admin API ", StringComparison.Ordinal) && l.Contains($"{urls["broker"]}/admin/realms/pbench-server", StringComparison.Ordinal));
            var curl = lines.Single(l => l.StartsWith("password grant   curl ", StringComparison.Ordinal));
            (await CurlAsync(curl, timeout.Token)).Should().Contain("\"access_token\"");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [TestCase("--target ftp://pbench.example.com", "--target ftp://pbench.example.com: expected the absolute http(s) URL")]
    [TestCase("--target /api", "--target /api: expected the absolute http(s) URL")]
    [TestCase("--target http://pbench.example.com/pbench", "with no path")]
    [TestCase("--target http://pbench.example.com --defect accept-expired", "--defect accept-expired applies to the ReferenceServer")]
    [TestCase("--fixtures /nonexistent-fixtures", "--fixtures /nonexistent-fixtures: no such folder")]
    [TestCase("--fixtures /tmp", "no readable idp.json")]
    [TestCase("--mapping /nonexistent.json", "--mapping /nonexistent.json: not a readable file or folder")]
    [TestCase("--mapping {0}", "not JSON")]
    [TestCase("--keycloak-version new", "--keycloak-version new: expected")]
    public async Task Bad_input_is_one_line_naming_it_and_exit_2(string arguments, string message)
    {
        var notJson = Path.Combine(Path.GetTempPath(), $"not-a-mapping-{Environment.ProcessId}.json");
        await File.WriteAllTextAsync(notJson, "# not JSON");
        try
        {
            using var process = CliProcessTests.Start(["serve", .. string.Format(System.Globalization.CultureInfo.InvariantCulture, arguments, notJson).Split(' ')]);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = await process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);

            process.ExitCode.Should().Be(2);
            (await stdout).Should().BeEmpty();
            stderr.TrimEnd().Split('\n').Should().ContainSingle().Which.Should().StartWith("pbench-auth-spec: ").And.Contain(message);
        }
        finally
        {
            File.Delete(notJson);
        }
    }

    // Runs the printed line's request (-d pairs, then the URL) with HttpClient, as curl would send it.
    private static async Task<string> CurlAsync(string line, CancellationToken cancellationToken)
    {
        var form = DataPair().Matches(line).Select(m => (m.Groups[1].Success ? m.Groups[1] : m.Groups[2]).Value.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var url = line.Split(' ')[^1];
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(url), new FormUrlEncodedContent(form), cancellationToken);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    [GeneratedRegex(@"-d (?:'([^']*)'|(\S+))")]
    private static partial Regex DataPair();
}
