using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.SelfTests.Spec.Runs;

namespace PbenchAuthSpec.SelfTests.Cli;

/// <summary>
/// examples/ci-pbench-server.sh as a Pbench CI job runs it, with ReferenceServer (its standalone
/// program, started by the script from the job's command) standing in for the Pbench server.
/// </summary>
[NonParallelizable]
public sealed class CiExampleTests
{
    private static readonly string Script = Path.Combine(FixturePaths.Directory, "..", "examples", "ci-pbench-server.sh");
    private static readonly string ReferenceServer = Path.Combine(AppContext.BaseDirectory, "PbenchAuthSpec.ReferenceServer.dll");
    private string _artifacts = "";

    [SetUp]
    public void CreateArtifacts() => _artifacts = Directory.CreateTempSubdirectory("pbench-ci-example-").FullName;

    [TearDown]
    public void RemoveArtifacts() => Directory.Delete(_artifacts, recursive: true);

    [Test]
    public async Task The_example_gates_the_server_it_started_keeps_the_artifacts_and_stops_what_it_started()
    {
        var port = StandaloneServer.FreePorts(1)[0];

        var (code, _, stderr) = await RunAsync(port, defect: null);

        code.Should().Be(0, stderr);
        var urls = JsonNode.Parse(File.ReadLines(Path.Combine(_artifacts, "serve.log")).First())!;
        ((string?)urls["target"]).Should().Be($"http://127.0.0.1:{port}");
        (await File.ReadAllTextAsync(Path.Combine(_artifacts, "server.log"))).Should().Contain($"ReferenceServer listening on http://127.0.0.1:{port}");
        var report = JsonNode.Parse(await File.ReadAllTextAsync(Directory.GetFiles(Path.Combine(_artifacts, "runs"), "report.json", SearchOption.AllDirectories).Single()))!;
        ((string?)report["summary"]!["runVerdict"]).Should().Be("pass");
        ((string?)report["target"]).Should().Be($"http://127.0.0.1:{port}");
        Directory.GetFiles(Path.Combine(_artifacts, "runs"), "spec.junit.xml", SearchOption.AllDirectories).Should().ContainSingle();
        Refuses(port).Should().BeTrue("the server the script started is stopped with it");
        Refuses(new Uri((string)urls["broker"]!).Port).Should().BeTrue("so are the stand-ins");
    }

    [Test]
    public async Task A_check_the_server_fails_is_the_job_s_exit_code_1()
    {
        var (code, stdout, _) = await RunAsync(StandaloneServer.FreePorts(1)[0], defect: "ignore-iss");

        code.Should().Be(1);
        stdout.Should().Contain("run FAILS");
    }

    [Test]
    public async Task A_server_command_that_exits_is_one_line_and_exit_2()
    {
        var (code, _, stderr) = await RunAsync(StandaloneServer.FreePorts(1)[0], defect: null, command: "echo 'cannot open pbench-server.cfg'; exit 3");

        code.Should().Be(2);
        stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Contain(l => l.StartsWith("ci-pbench-server: the server command exited before", StringComparison.Ordinal) && l.Contains("cannot open pbench-server.cfg", StringComparison.Ordinal));
    }

    private async Task<(int Code, string Stdout, string Stderr)> RunAsync(int port, string? defect, string? command = null)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        command ??= $"exec dotnet '{ReferenceServer}' --urls http://127.0.0.1:{port} --broker-url \"$BROKER_URL\"" + (defect is null ? "" : $" --defect {defect}");
        foreach (var arg in new[] { Script, "--target", $"http://127.0.0.1:{port}", "--server-command", command, "--artifacts", _artifacts, "--wait", "120", "--", "--no-dashboard" })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("bash did not start.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static bool Refuses(int port)
    {
        using var client = new TcpClient();
        try
        {
            client.Connect("127.0.0.1", port);
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }
}
