using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.ReferenceServer;

namespace PbenchAuthSpec.Cli.Tests;

/// <summary>
/// <c>run --known-failures FILE</c> as a Pbench server's CI uses it: against the stand-ins answering
/// as the real server does, the list of its three bugs makes the gate pass (the failures skipped in
/// TRX and JUnit with their reason), and one more bug makes it fail.
/// </summary>
[NonParallelizable]
public sealed class KnownFailuresGateTests
{
    private static readonly string[] RealServer = [.. DefectNames.RealServer.SelectMany(d => new[] { "--defect", d })];
    private RunScript _run = new();
    private string _folder = "";

    [SetUp]
    public void NewRuns()
    {
        _run = new RunScript();
        _folder = Directory.CreateTempSubdirectory("known-failures-").FullName;
    }

    [TearDown]
    public void RemoveArtifacts()
    {
        _run.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task The_gate_passes_with_the_real_servers_three_bugs_listed_and_fails_on_a_fourth()
    {
        var list = await ListAsync("# the real Pbench server", "s20.exp-missing  # exp not required", "s20.wrong-iss  # iss not checked", "", "s20.control.rotated-key  # key read once");

        var (exit, stdout, stderr, runDir) = await _run.RunAsync([.. RealServer, "--no-dashboard", "--known-failures", list]);
        var (worse, worseOut, _, _) = await _run.RunAsync([.. RealServer, "--defect", "accept-expired", "--no-dashboard", "--known-failures", list]);

        exit.Should().Be(0, stdout + stderr);
        stdout.Should().Contain("  20 KNOWN").And.Contain("KNOWN s20.exp-missing").And.Contain("(known failure: key read once)").And.Contain("run PASSES");
        var results = RunScript.Results(runDir);
        ((string?)RunScript.Result(results, "Step_20_").Attribute("outcome")).Should().Be("NotExecuted", "a known failure is skipped in TRX");
        RunScript.Messages(results, "Step_20_").Should().Contain("known failure").And.Contain("s20.wrong-iss");
        results.Where(r => (string?)r.Attribute("outcome") == "Failed").Should().BeEmpty();
        (await File.ReadAllTextAsync(Path.Combine(runDir, "spec.junit.xml"))).Should().Contain("<skipped").And.Contain("known failure").And.NotContain("<failure");
        worse.Should().Be(1, worseOut);
        worseOut.Should().Contain("FAIL s20.expired").And.Contain("KNOWN s20.exp-missing").And.Contain("run FAILS");
    }

    [Test]
    public async Task An_id_no_check_has_exits_2_with_one_line_naming_it()
    {
        var list = await ListAsync("s20.exp-missing", "s20.exp-mising");

        var (exit, _, stderr, _) = await _run.RunAsync("--known-failures", list);

        exit.Should().Be(2);
        stderr.TrimEnd().Split('\n').Should().ContainSingle().Which.Should().Contain($"{list}:2: 's20.exp-mising' is not a check id");
    }

    [Test]
    public async Task A_file_that_cannot_be_read_exits_2_with_one_line()
    {
        var (missing, _, missingErr, _) = await _run.RunAsync("--known-failures", Path.Combine(_folder, "none.txt"));
        var (folder, _, folderErr, _) = await _run.RunAsync("--known-failures", _folder);

        missing.Should().Be(2);
        missingErr.TrimEnd().Split('\n').Should().ContainSingle().Which.Should().Contain("none.txt: cannot read it");
        folder.Should().Be(2);
        folderErr.TrimEnd().Split('\n').Should().ContainSingle().Which.Should().Contain("cannot read it");
    }

    private async Task<string> ListAsync(params string[] lines)
    {
        var path = Path.Combine(_folder, "known-failures.txt");
        await File.WriteAllLinesAsync(path, lines);
        return path;
    }
}
