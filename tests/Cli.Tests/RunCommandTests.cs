using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.Cli.Tests;

/// <summary>
/// <c>./pbench-auth-spec run</c> as CI calls it: the SpecTests/run script over the built SpecTests
/// assembly, judged by its exit code and its TRX and JUnit files, not by the engine's objects.
/// </summary>
[NonParallelizable]
public sealed class RunCommandTests
{
    private static readonly string[] RealDashboard = ["--defect", "dashboard-keycloak-js-21", "--defect", "dashboard-no-pkce", "--defect", "dashboard-drops-first-response"];
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

    [Test]
    public async Task The_pbench_preset_against_the_real_dashboard_switches_exits_1_on_the_nonce_finding_into_the_configs_artifacts_folder()
    {
        var artifacts = _run.NewArtifacts();
        var config = ConfigWith(artifacts);

        var (exit, stdout, stderr, runDir) = await RunScript.RunInAsync(artifacts, ["--config", config, "--dashboard", "pbench", .. RealDashboard]);

        exit.Should().Be(1, stdout + stderr);
        runDir.Should().StartWith(Path.Combine(artifacts, "runs"), "the config's artifacts folder is honoured without --artifacts");
        stdout.Should().Contain("   3 WARN").And.Contain("  12 WARN").And.Contain("  16 FAIL").And.Contain("dashboard console: info: [KEYCLOAK] Invalid nonce, clearing token");
        var failed = RunScript.Results(runDir).Where(r => (string?)r.Attribute("outcome") == "Failed").Select(r => (string?)r.Attribute("testName")).ToList();
        failed.Should().ContainSingle().Which.Should().StartWith("Step_16_");
    }

    [Test]
    public async Task Keycloak_version_24_lets_the_real_dashboard_log_in_and_the_run_exit_0_with_its_two_warnings()
    {
        var (exit, stdout, _, _) = await _run.RunAsync(["--dashboard", "pbench", "--keycloak-version", "24", .. RealDashboard]);

        exit.Should().Be(0, stdout);
        stdout.Should().Contain("Keycloak 24").And.Contain("   3 WARN").And.Contain("  12 WARN").And.Contain("2 warn, 0 fail").And.NotContain("walk:");
    }

    [Test]
    public async Task A_dashboard_preset_whose_page_the_target_does_not_serve_exits_2_naming_the_presets()
    {
        var artifacts = _run.NewArtifacts();
        var config = ConfigWith(artifacts, """{"path": "/no-such-dashboard/"}""");

        var (exit, _, stderr, _) = await RunScript.RunInAsync(artifacts, ["--config", config, "--dashboard", "elsewhere"]);

        exit.Should().Be(2);
        stderr.TrimEnd().Split('\n').Should().ContainSingle().Which.Should().Contain("--dashboard elsewhere: the target serves no page at").And.Contain("the presets configured are elsewhere, kc, pbench, plain");
    }

    // The repository's playwright.config.json with artifacts in the given folder (and one more preset), written there.
    private static string ConfigWith(string artifacts, string? elsewhere = null)
    {
        var root = Path.GetDirectoryName(FixturePaths.Directory)!;
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(root, "playwright.config.json")))!.AsObject();
        json["artifacts"] = artifacts;
        if (elsewhere is not null)
        {
            json["dashboards"]!["elsewhere"] = System.Text.Json.Nodes.JsonNode.Parse(elsewhere);
        }

        var path = Path.Combine(artifacts, "my.config.json");
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }
}
