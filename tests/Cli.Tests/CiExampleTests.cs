using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.ReferenceServer;
using PbenchAuthSpec.SpecTests.Checks;

namespace PbenchAuthSpec.Cli.Tests;

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

        var (code, _, stderr) = await RunAsync(port, defects: []);

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
        var (code, stdout, _) = await RunAsync(StandaloneServer.FreePorts(1)[0], defects: ["ignore-iss"]);

        code.Should().Be(1);
        stdout.Should().Contain("run FAILS");
    }

    [Test]
    public async Task With_the_real_servers_three_bugs_listed_the_job_passes_and_a_fourth_bug_fails_it()
    {
        var list = Path.Combine(_artifacts, "known-failures.txt");
        await File.WriteAllLinesAsync(list, ["# the real Pbench server", "s20.exp-missing  # exp not required", "s20.wrong-iss", "s20.control.rotated-key  # key read once"]);

        var (code, stdout, stderr) = await RunAsync(StandaloneServer.FreePorts(1)[0], [.. DefectNames.RealServer], list);
        var rotation = Changes().Should().ContainSingle(c => c.System == "broker").Subject;
        Directory.Delete(Path.Combine(_artifacts, "runs"), recursive: true);
        var (worse, worseOut, worseErr) = await RunAsync(StandaloneServer.FreePorts(1)[0], [.. DefectNames.RealServer, "accept-expired"], list);

        code.Should().Be(0, stdout + stderr);
        stdout.Should().Contain("KNOWN s20.exp-missing").And.Contain("KNOWN s20.control.rotated-key").And.Contain("run PASSES");
        rotation.Restored.Should().BeTrue("the separately started server's broker gets its key back over HTTP: {0}", rotation.What);
        worse.Should().Be(1, worseOut + worseErr);
        worseOut.Should().Contain("FAIL s20.expired").And.Contain("KNOWN s20.wrong-iss").And.Contain("run FAILS");
    }

    [Test]
    public async Task A_known_failures_file_that_cannot_be_read_is_one_line_and_exit_2_before_anything_starts()
    {
        var port = StandaloneServer.FreePorts(1)[0];

        var (code, _, stderr) = await RunAsync(port, [], Path.Combine(_artifacts, "none.txt"));

        code.Should().Be(2);
        stderr.TrimEnd().Split('\n').Should().ContainSingle().Which.Should().Contain("none.txt: no such readable file");
        File.Exists(Path.Combine(_artifacts, "serve.log")).Should().BeFalse("nothing was started");
    }

    [Test]
    public async Task A_server_command_that_exits_is_one_line_and_exit_2()
    {
        var (code, _, stderr) = await RunAsync(StandaloneServer.FreePorts(1)[0], defects: [], command: "echo 'cannot open pbench-server.cfg'; exit 3");

        code.Should().Be(2);
        stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Contain(l => l.StartsWith("ci-pbench-server: the server command exited before", StringComparison.Ordinal) && l.Contains("cannot open pbench-server.cfg", StringComparison.Ordinal));
    }

    private List<RunChange> Changes() =>
        JsonNode.Parse(File.ReadAllText(Directory.GetFiles(Path.Combine(_artifacts, "runs"), "report.json", SearchOption.AllDirectories).Single()))!["changes"].Deserialize<List<RunChange>>()!;

    private async Task<(int Code, string Stdout, string Stderr)> RunAsync(int port, string[] defects, string? knownFailures = null, string? command = null)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        command ??= $"exec dotnet '{ReferenceServer}' --urls http://127.0.0.1:{port} --broker-url \"$BROKER_URL\"" + string.Concat(defects.Select(d => $" --defect {d}"));
        string[] gate = knownFailures is null ? [] : ["--known-failures", knownFailures];
        foreach (var arg in new[] { Script, "--target", $"http://127.0.0.1:{port}", "--server-command", command, "--artifacts", _artifacts, "--wait", "120" }.Concat(gate).Concat(["--", "--no-dashboard"]))
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
