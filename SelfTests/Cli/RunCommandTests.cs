using System.Diagnostics;
using System.Xml.Linq;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.SelfTests.Cli;

/// <summary>
/// <c>./pbench-auth-spec run</c> as CI calls it: the SpecTests/run script over the built SpecTests
/// assembly, judged by its exit code and its TRX and JUnit files, not by the engine's objects.
/// </summary>
[NonParallelizable]
public sealed class RunCommandTests
{
    private static readonly string Script = Path.Combine(Path.GetDirectoryName(FixturePaths.Directory)!, "SpecTests", "run");
    private static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
    private readonly List<string> _artifacts = [];

    [TearDown]
    public void RemoveArtifacts()
    {
        foreach (var folder in _artifacts.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }

        _artifacts.Clear();
    }

    [Test]
    public async Task A_run_with_only_warns_exits_0_and_reports_every_step_passed_in_TRX_and_JUnit()
    {
        var (exit, stdout, _, runDir) = await RunAsync("--defect", "omit-www-authenticate");

        exit.Should().Be(0, stdout);
        stdout.Should().Contain("run PASSES").And.Contain("WARN");
        var results = Results(runDir);
        results.Should().HaveCount(20).And.OnlyContain(r => (string?)r.Attribute("outcome") == "Passed", "a warn step is not 'not executed'");
        Output(results, "Step_20_").Should().Contain("WARN", "the warning stays visible in the step's output");
        var junit = await File.ReadAllTextAsync(Path.Combine(runDir, "spec.junit.xml"));
        junit.Should().NotContain("<skipped").And.NotContain("<failure");
    }

    [Test]
    public async Task Strict_makes_the_same_warns_fail_the_run_with_exit_code_1()
    {
        var (exit, stdout, _, runDir) = await RunAsync("--defect", "omit-www-authenticate", "--strict");

        exit.Should().Be(1, stdout);
        var failed = Results(runDir).Where(r => (string?)r.Attribute("outcome") == "Failed").Select(r => (string?)r.Attribute("testName"));
        failed.Should().Contain(n => n!.StartsWith("Step_20_", StringComparison.Ordinal));
    }

    [Test]
    public async Task A_wrong_setting_exits_2_with_one_line_that_names_it()
    {
        var (exit, _, stderr, _) = await RunAsync("--profile", "no-such-profile");

        exit.Should().Be(2);
        stderr.TrimEnd().Split('\n').Should().ContainSingle().Which.Should().Contain("no-such-profile");
    }

    private static List<XElement> Results(string runDir) =>
        XDocument.Load(Path.Combine(runDir, "spec.trx")).Descendants(Trx + "UnitTestResult").ToList();

    private static string Output(IEnumerable<XElement> results, string prefix) =>
        results.Single(r => ((string?)r.Attribute("testName"))!.StartsWith(prefix, StringComparison.Ordinal)).Descendants(Trx + "StdOut").Single().Value;

    private async Task<(int Exit, string Stdout, string Stderr, string RunDir)> RunAsync(params string[] args)
    {
        var artifacts = Path.Combine(Path.GetTempPath(), $"pbench-auth-spec-run-{Guid.NewGuid():N}");
        _artifacts.Add(artifacts);
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Script, "--artifacts", artifacts }.Concat(args))
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("bash did not start.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        var runs = Path.Combine(artifacts, "runs");
        var runDir = Directory.Exists(runs) ? Directory.GetDirectories(runs).Single() : artifacts;
        return (process.ExitCode, await stdout, await stderr, runDir);
    }
}
