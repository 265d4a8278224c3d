using System.Diagnostics;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.Cli.Tests;

/// <summary>
/// <c>--help</c> on every subcommand of the front door: the usage on stdout, exit 0, nothing else,
/// and no build (checked on a copy of the script whose sources are newer than its build stamp).
/// </summary>
public sealed class FrontDoorHelpTests
{
    [TestCase("run")]
    [TestCase("test")]
    [TestCase("serve")]
    [TestCase("defects")]
    [TestCase("checks")]
    [TestCase("build")]
    public async Task Help_prints_the_subcommand_s_usage_on_stdout_and_exits_0_without_building(string subcommand)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var scratch = await FrontDoorScratch.CreateAsync(timeout.Token);
        var run = Path.Combine(scratch.Directory, "SpecTests", "run");
        Directory.CreateDirectory(Path.GetDirectoryName(run)!);
        File.Copy(Path.Combine(FixturePaths.Directory, "..", "SpecTests", "run"), run);

        foreach (var help in new[] { "--help", "-h" })
        {
            var (code, stdout, stderr) = await RunAsync(scratch, timeout.Token, subcommand, help);

            code.Should().Be(0);
            stderr.Should().BeEmpty();
            stdout.Should().StartWith($"usage: ./pbench-auth-spec {subcommand}");
        }

        scratch.Builds.Should().Be(0);
    }

    [Test]
    public async Task Help_of_serve_names_every_option_it_takes()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var scratch = await FrontDoorScratch.CreateAsync(timeout.Token);

        var (_, stdout, _) = await RunAsync(scratch, timeout.Token, "serve", "--help");

        foreach (var option in new[] { "--target", "--json", "--fixtures", "--mapping", "--keycloak-version", "--defect", "--profile", "--idp-port", "--broker-port", "--target-port", "--log" })
        {
            stdout.Should().Contain(option);
        }
    }

    [Test]
    public async Task The_front_door_s_own_help_is_its_command_list_on_stdout()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var scratch = await FrontDoorScratch.CreateAsync(timeout.Token);

        var (code, stdout, stderr) = await RunAsync(scratch, timeout.Token, "--help");

        code.Should().Be(0);
        stderr.Should().BeEmpty();
        stdout.Should().Contain("./pbench-auth-spec serve").And.NotContain("set -uo");
    }

    [Test]
    public async Task Test_with_filter_but_no_expression_exits_2_with_one_line_and_runs_nothing()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var scratch = await FrontDoorScratch.CreateAsync(timeout.Token);

        foreach (var args in new[] { new[] { "test", "--filter" }, ["test", "--filter", ""] })
        {
            var (code, stdout, stderr) = await RunAsync(scratch, timeout.Token, args);

            code.Should().Be(2);
            stdout.Should().BeEmpty();
            stderr.TrimEnd().Split('\n').Should().ContainSingle().Which.Should().Contain("--filter needs an expression");
        }

        scratch.Builds.Should().Be(0);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(FrontDoorScratch scratch, CancellationToken cancellationToken, params string[] args)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = scratch.Directory };
        info.ArgumentList.Add(Path.Combine(scratch.Directory, "pbench-auth-spec"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["PBENCH_AUTH_SPEC_BUILD_COMMAND"] = "echo built >> builds";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("bash did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await stdout, stderr);
    }
}
