using System.Diagnostics;
using System.Net;
using FluentAssertions;
using NUnit.Framework;

namespace PbenchAuthSpec.ReferenceServer.Tests;

/// <summary>The standalone command line of the contract.</summary>
public sealed class StandaloneTests
{
    [Test]
    public async Task Standalone_server_prints_its_url_first_and_serves_it()
    {
        using var process = Start("--urls", "http://127.0.0.1:0", "--broker-url", "http://127.0.0.1:9", "--profile", "diagram", "--admin-user", "bob");
        try
        {
            var first = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            first.Should().MatchRegex(@"^ReferenceServer listening on http://127\.0\.0\.1:\d+$");
            using var http = new HttpClient();

            var config = await http.GetStringAsync(new Uri(first!["ReferenceServer listening on ".Length..] + "/api/v1/endpoints"));

            config.Should().Be("""{"identity_broker_auth_uri":"http://127.0.0.1:9/realms/pbench-server/protocol/openid-connect/auth","client_id":"pbench-client"}""");
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    [TestCase(new[] { "--broker-url", "http://127.0.0.1:9", "--defect", "nope" }, "unknown defect 'nope' (known: accept-expired,")]
    [TestCase(new[] { "--defect", "nope" }, "unknown defect 'nope'")]
    [TestCase(new[] { "--urls", "http://127.0.0.1:0" }, "--broker-url URL is required")]
    [TestCase(new[] { "--broker-url", "http://127.0.0.1:9", "--colour", "red" }, "unknown option '--colour'")]
    public async Task Bad_command_line_exits_2_with_one_line_saying_what_to_fix(string[] args, string message)
    {
        using var process = Start(args);

        var error = await process.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync();

        process.ExitCode.Should().Be(2);
        error.TrimEnd().Split('\n').Should().ContainSingle().Which.Should().StartWith("ReferenceServer: ").And.Contain(message);
    }

    [Test]
    public async Task Broker_defect_given_to_the_server_says_where_it_belongs()
    {
        using var process = Start("--urls", "http://127.0.0.1:0", "--broker-url", "http://127.0.0.1:9", "--defect", "broker-no-cors");
        try
        {
            var first = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            var note = await process.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            using var http = new HttpClient();

            var response = await http.GetAsync(new Uri(first!["ReferenceServer listening on ".Length..] + "/api/v1/endpoints"));

            response.StatusCode.Should().Be(HttpStatusCode.OK);
            note.Should().Contain("start MockBroker with --fault no-cors");
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    private static Process Start(params string[] args)
    {
        var dll = typeof(ReferenceServerHost).Assembly.Location;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
    }
}
