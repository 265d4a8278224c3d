using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.SpecTests.Engine;
using PbenchAuthSpec.SpecTests.Settings;

namespace PbenchAuthSpec.Cli.Tests;

/// <summary>
/// The embedded run's stand-ins are <c>serve --json</c> in a process of their own: started with the
/// run's settings, stopped with the run however it ends, and one line when they cannot start.
/// </summary>
[NonParallelizable]
public sealed class EmbeddedStandInsProcessTests
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "PbenchAuthSpec.Cli.dll");

    [Test]
    public async Task Serve_until_stdin_closes_stops_by_itself_when_its_stdin_closes()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { Dll, "serve", "--json", "--until-stdin-closes", "--target-host", "localhost" })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            var urls = JsonNode.Parse((await process.StandardOutput.ReadLineAsync(timeout.Token))!)!;
            new Uri((string)urls["target"]!).Host.Should().Be("localhost", "--target-host names the target");
            _ = process.StandardOutput.ReadToEndAsync(timeout.Token);

            // What the kernel does to the run's end of the pipe however the run ends.
            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token);

            process.ExitCode.Should().Be(0, "serve stopped by itself, not killed");
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
    public async Task Serve_target_host_not_reaching_loopback_is_one_line_and_exit_2()
    {
        using var process = CliProcessTests.Start("serve", "--target-host", "pbench.example.com");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var stderr = await process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);

        process.ExitCode.Should().Be(2);
        stderr.TrimEnd().Split('\n').Should().ContainSingle().Which.Should().Contain("--target-host pbench.example.com");
    }

    [TestCase("TERM")]
    [TestCase("KILL")]
    public async Task The_stand_ins_stop_when_the_process_running_the_walk_is_killed(string signal)
    {
        var folder = Directory.CreateTempSubdirectory("pbench-auth-spec-orphan-").FullName;
        var events = Path.Combine(folder, "events");
        Run("mkfifo", events);
        // serve behind a wrapper that reports its parent (the test host running the walk) and serve's end.
        var wrapper = Script(folder, $"exec 3>'{events}'\necho \"$PPID\" >&3\ndotnet '{Dll}' \"$@\"\necho \"exited $?\" >&3\n");
        var info = new ProcessStartInfo("setsid") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "bash", RunScript.Path, "--artifacts", folder, "--trace", "off" })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment[ServeProgram.Variable] = wrapper;
        using var run = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            _ = run.StandardOutput.ReadToEndAsync(timeout.Token);
            _ = run.StandardError.ReadToEndAsync(timeout.Token);
            using var reader = new StreamReader(await Task.Run(() => File.OpenRead(events), timeout.Token));
            var walker = int.Parse((await reader.ReadLineAsync(timeout.Token))!, CultureInfo.InvariantCulture);

            Run("kill", $"-{signal}", walker.ToString(CultureInfo.InvariantCulture));

            (await reader.ReadLineAsync(timeout.Token)).Should().StartWith("exited", "serve ends with the process that started it (SIG{0})", signal);
        }
        finally
        {
            // Whatever is left of the run's session (the script, dotnet test).
            Run("kill", "-KILL", "--", $"-{run.Id}");
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestCase("missing")]
    [TestCase("failing")]
    public async Task An_embedded_run_whose_stand_ins_cannot_start_says_why_in_one_line_and_exits_2(string serve)
    {
        var folder = Directory.CreateTempSubdirectory("pbench-auth-spec-noserve-").FullName;
        var program = serve == "missing" ? Path.Combine(folder, "no-such-serve") : Script(folder, "echo 'pbench-auth-spec: --broker-port 1: address in use' >&2\nexit 2\n");

        var (exit, _, stderr, _) = await RunScript.RunInAsync(folder, ["--artifacts", folder, "--trace", "off"], new Dictionary<string, string?> { [ServeProgram.Variable] = program });
        Directory.Delete(folder, recursive: true);

        exit.Should().Be(2, stderr);
        var line = stderr.TrimEnd().Split('\n').Should().ContainSingle().Which;
        line.Should().Contain(serve == "missing" ? $"{ServeProgram.Variable}={program}: no such file" : "exited with 2): pbench-auth-spec: --broker-port 1: address in use");
    }

    [Test]
    public void The_embedded_runs_settings_become_the_same_serve_options_a_user_gives()
    {
        var settings = SpecSettingsLoader.Load(new Dictionary<string, string?>
        {
            [EnvironmentOverrides.Prefix + "DEFECTS"] = "accept-expired,broker-wrong-iss", [EnvironmentOverrides.Prefix + "KEYCLOAK_VERSION"] = "24",
            [EnvironmentOverrides.Prefix + "IDP"] = "http://127.0.0.1:9/realms/corp", [EnvironmentOverrides.Prefix + "BROKER_PORT"] = "18080",
            [EnvironmentOverrides.Prefix + "DASHBOARD"] = "plain", [EnvironmentOverrides.Prefix + "TRACE"] = "off",
        });

        EmbeddedTarget.ServeOptions(settings).Should().Equal(
            "--profile", "pbench", "--target-host", "127.0.0.1", "--defect", "accept-expired", "--defect", "broker-wrong-iss",
            "--keycloak-version", "24", "--idp", "http://127.0.0.1:9/realms/corp", "--broker-port", "18080");
    }

    private static string Script(string folder, string body)
    {
        var path = Path.Combine(folder, "serve");
        File.WriteAllText(path, "#!/usr/bin/env bash\n" + body);
        Run("chmod", "+x", path);
        return path;
    }

    private static void Run(string program, params string[] args)
    {
        using var process = Process.Start(program, args);
        process.WaitForExit();
    }
}
