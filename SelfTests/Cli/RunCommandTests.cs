using FluentAssertions;
using NUnit.Framework;

namespace PbenchAuthSpec.SelfTests.Cli;

/// <summary>
/// <c>./pbench-auth-spec run</c> as CI calls it: the SpecTests/run script over the built SpecTests
/// assembly, judged by its exit code and its TRX and JUnit files, not by the engine's objects.
/// </summary>
[NonParallelizable]
public sealed class RunCommandTests
{
    private RunScript _run = new();

    [SetUp]
    public void NewRuns() => _run = new RunScript();

    [TearDown]
    public void RemoveArtifacts() => _run.Dispose();

    [Test]
    public async Task A_run_with_only_warns_exits_0_and_reports_every_step_passed_in_TRX_and_JUnit()
    {
        var (exit, stdout, _, runDir) = await _run.RunAsync("--defect", "omit-www-authenticate");

        exit.Should().Be(0, stdout);
        stdout.Should().Contain("run PASSES").And.Contain("WARN");
        var results = RunScript.Results(runDir);
        results.Should().HaveCount(20).And.OnlyContain(r => (string?)r.Attribute("outcome") == "Passed", "a warn step is not 'not executed'");
        RunScript.Output(results, "Step_20_").Should().Contain("WARN", "the warning stays visible in the step's output");
        var junit = await File.ReadAllTextAsync(Path.Combine(runDir, "spec.junit.xml"));
        junit.Should().NotContain("<skipped").And.NotContain("<failure");
    }

    [Test]
    public async Task Strict_makes_the_same_warns_fail_the_run_with_exit_code_1()
    {
        var (exit, stdout, _, runDir) = await _run.RunAsync("--defect", "omit-www-authenticate", "--strict");

        exit.Should().Be(1, stdout);
        var failed = RunScript.Results(runDir).Where(r => (string?)r.Attribute("outcome") == "Failed").Select(r => (string?)r.Attribute("testName"));
        failed.Should().Contain(n => n!.StartsWith("Step_20_", StringComparison.Ordinal));
    }

    [Test]
    public async Task A_wrong_setting_exits_2_with_one_line_that_names_it()
    {
        var (exit, _, stderr, _) = await _run.RunAsync("--profile", "no-such-profile");

        exit.Should().Be(2);
        stderr.TrimEnd().Split('\n').Should().ContainSingle().Which.Should().Contain("no-such-profile");
    }
}
