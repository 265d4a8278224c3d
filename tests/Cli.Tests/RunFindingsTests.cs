using System.Diagnostics;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.Cli.Tests;

/// <summary>
/// <c>./pbench-auth-spec run</c>'s exit code carries its findings and its settings errors: a set-up
/// finding that keeps a matrix from running fails the run with its fix on the console; a wrong
/// setting is one line and exit 2.
/// </summary>
[NonParallelizable]
public sealed class RunFindingsTests
{
    private readonly List<string> _folders = [];

    [TearDown]
    public void RemoveFolders()
    {
        foreach (var folder in _folders.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }

        _folders.Clear();
    }

    [TestCase("PBENCH_AUTH_SPEC_LOGIN_PASSWORD", "", "the login user has no password")]
    [TestCase("PBENCH_AUTH_SPEC_HEADLESS", "false", "--headed needs a display and DISPLAY is not set: run under Xvfb")]
    public async Task A_settings_error_exits_2_with_one_line(string name, string value, string message)
    {
        var (exit, stdout, stderr, _) = await RunAsync([], new Dictionary<string, string?> { [name] = value, ["DISPLAY"] = null, ["WAYLAND_DISPLAY"] = null });

        exit.Should().Be(2, stdout);
        stderr.TrimEnd().Split('\n').Should().ContainSingle().Which.Should().Contain(message);
    }

    [Test]
    public async Task With_direct_access_grants_off_the_run_exits_1_and_prints_the_fix_of_the_step_it_prevents()
    {
        var fixtures = Folder("fixtures-no-direct-grants-");
        foreach (var file in Directory.GetFiles(FixturePaths.Directory, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(fixtures, Path.GetRelativePath(FixturePaths.Directory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        var broker = Path.Combine(fixtures, "broker.json");
        var json = JsonNode.Parse(await File.ReadAllTextAsync(broker))!;
        foreach (var client in json["realms"]!.AsArray().SelectMany(r => r!["clients"]!.AsArray()).Where(c => (string?)c!["clientId"] == "pbench-client"))
        {
            client!["directAccessGrantsEnabled"] = false;
        }

        await File.WriteAllTextAsync(broker, json.ToJsonString());
        using var serve = Process.Start(Serve("--fixtures", fixtures)) ?? throw new InvalidOperationException("dotnet did not start.");
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            var urls = JsonNode.Parse(await serve.StandardOutput.ReadLineAsync(timeout.Token) ?? "{}")!;

            var (exit, stdout, _, _) = await RunAsync(["--target", (string)urls["target"]!, "--broker", (string)urls["realm"]!, "--no-dashboard", "--catalogue", FixturePaths.File("targets", "reference-server.json")]);

            exit.Should().Be(1, stdout);
            stdout.Should().Contain("\n  19 FAIL ");
            stdout.Should().Contain("FAIL s19.setup.password-grant").And.Contain("— fix: enable Direct Access Grants on client 'pbench-client' in the broker");
            stdout.Should().Contain("because step 19 failed (s19.setup.password-grant)", "the rows it kept from running point at it");
            stdout.Should().Contain("run FAILS");
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync();
        }
    }

    private static ProcessStartInfo Serve(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "PbenchAuthSpec.Cli.dll"), "serve", "--json" }.Concat(args))
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }

    private string Folder(string prefix)
    {
        var folder = Directory.CreateTempSubdirectory(prefix).FullName;
        _folders.Add(folder);
        return folder;
    }

    private Task<(int Exit, string Stdout, string Stderr, string RunDir)> RunAsync(string[] args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var artifacts = Folder("pbench-auth-spec-run-");
        return RunScript.RunInAsync(artifacts, ["--artifacts", artifacts, .. args], environment);
    }
}
