using System.Diagnostics;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.Cli.Tests;

/// <summary>
/// <c>./pbench-auth-spec test</c> and <c>.ci/run</c> over the test projects of <c>tests/</c>, on a
/// copy of both scripts whose <c>dotnet</c> is a stand-in: it writes each project's TRX with the
/// counts a test chose (<c>counts/PROJECT</c>: "passed failed executed"), so the sums, a project
/// that does not build and a project that runs nothing are seen without running a real test.
/// </summary>
public sealed class FrontDoorTestCommandTests
{
    private static readonly string[] Projects = ["Protocol.Tests", "MockIdp.Tests", "MockBroker.Tests", "ReferenceServer.Tests", "Cli.Tests", "SpecTests.Tests"];

    private const string FakeDotnet = """
        #!/usr/bin/env bash
        # dotnet test DIR/PROJECT.csproj ... --results-directory OUT ...: PROJECT.trx from counts/PROJECT.
        [ "$1" = test ] || exit 0
        project=$(basename "$2" .csproj); out=""
        echo "$*" >> "$SCRATCH/dotnet-calls"
        while [ $# -gt 0 ]; do [ "$1" = --results-directory ] && out="$2"; shift; done
        read -r passed failed executed < <(cat "$SCRATCH/counts/$project" 2>/dev/null || echo "1 0 1")
        printf '<TestRun><ResultSummary><Counters total="%s" executed="%s" passed="%s" failed="%s" /></ResultSummary></TestRun>\n' \
          "$executed" "$executed" "$passed" "$failed" > "$out/$project.trx"
        [ "$failed" -eq 0 ]
        """;

    [Test]
    public async Task The_last_line_sums_every_project_s_results_and_a_failure_in_one_fails_the_run()
    {
        using var scratch = Scratch.Create();
        scratch.Counts("Protocol.Tests", "3 0 3");
        scratch.Counts("MockIdp.Tests", "2 1 3");

        var (code, stdout, _) = await scratch.RunAsync(".ci/run");

        code.Should().Be(1);
        stdout.TrimEnd().Split('\n').Should().Equal("9 passed, 1 failed", "9 passed, 1 failed");
        Projects.Should().OnlyContain(project => File.Exists(Path.Combine(scratch.Directory, "artifacts", "test", $"{project}.trx")));
    }

    [Test]
    public async Task A_test_project_that_does_not_build_counts_as_one_failure_and_the_others_still_run()
    {
        using var scratch = Scratch.Create();
        var project = Path.Combine(scratch.Directory, "tests", "SpecTests.Tests", "SpecTests.Tests.csproj");
        scratch.Build = $"echo '{project} : error MSB3073: npm ci exited with code 1. [{project}]'; exit 1";

        var (code, stdout, stderr) = await scratch.RunAsync(".ci/run");

        code.Should().Be(1);
        stdout.TrimEnd().Split('\n').Should().Equal("5 passed, 1 failed", "5 passed, 1 failed");
        stderr.Should().Contain("npm ci exited with code 1").And.Contain("SpecTests.Tests: not run, its build failed");
        scratch.DotnetCalls.Should().HaveCount(5).And.NotContain(call => call.Contains("SpecTests.Tests", StringComparison.Ordinal));
    }

    [Test]
    public async Task A_build_error_outside_the_test_projects_stops_the_run_with_exit_2()
    {
        using var scratch = Scratch.Create();
        var project = Path.Combine(scratch.Directory, "MockBroker", "MockBroker.csproj");
        scratch.Build = $"echo 'Token.cs(3,1): error CS1002: ; expected [{project}]'; exit 1";

        var (code, stdout, stderr) = await scratch.RunAsync("pbench-auth-spec", "test");

        code.Should().Be(2);
        stdout.Should().BeEmpty();
        stderr.Should().Contain("the build failed outside tests/");
        scratch.DotnetCalls.Should().BeEmpty();
    }

    [Test]
    public async Task A_project_that_runs_no_test_counts_as_one_failure()
    {
        using var scratch = Scratch.Create();
        scratch.Counts("MockIdp.Tests", "0 0 0");

        var (code, stdout, stderr) = await scratch.RunAsync(".ci/run");

        code.Should().Be(1);
        stdout.TrimEnd().Split('\n').Should().Equal("5 passed, 1 failed", "5 passed, 1 failed");
        stderr.Should().Contain("MockIdp.Tests: no test was executed");
    }

    [Test]
    public async Task A_filter_goes_to_every_project_and_one_that_selects_nothing_anywhere_fails()
    {
        using var scratch = Scratch.Create();
        foreach (var project in Projects)
        {
            scratch.Counts(project, "0 0 0");
        }

        var (code, stdout, stderr) = await scratch.RunAsync("pbench-auth-spec", "test", "--filter", "FullyQualifiedName~Nothing");

        code.Should().Be(1);
        stdout.TrimEnd().Should().Be("0 passed, 0 failed");
        stderr.Should().Contain("no test was executed (filter: FullyQualifiedName~Nothing)");
        scratch.DotnetCalls.Should().HaveCount(6).And.OnlyContain(call => call.Contains("--filter FullyQualifiedName~Nothing", StringComparison.Ordinal));
    }

    /// <summary>A scratch checkout: both scripts, a stale build stamp, a stand-in dotnet first on PATH.</summary>
    private sealed class Scratch : IDisposable
    {
        private Scratch(string directory) => Directory = directory;

        public string Directory { get; }

        /// <summary>The stand-in build (<c>PBENCH_AUTH_SPEC_BUILD_COMMAND</c>); by default it succeeds.</summary>
        public string Build { get; set; } = "true";

        public IReadOnlyList<string> DotnetCalls => File.Exists(Path.Combine(Directory, "dotnet-calls")) ? File.ReadAllLines(Path.Combine(Directory, "dotnet-calls")) : [];

        public static Scratch Create()
        {
            var scratch = new Scratch(System.IO.Directory.CreateTempSubdirectory("pbench-test-command-").FullName);
            var root = Path.Combine(FixturePaths.Directory, "..");
            System.IO.Directory.CreateDirectory(Path.Combine(scratch.Directory, ".ci"));
            System.IO.Directory.CreateDirectory(Path.Combine(scratch.Directory, "bin"));
            System.IO.Directory.CreateDirectory(Path.Combine(scratch.Directory, "counts"));
            System.IO.Directory.CreateDirectory(Path.Combine(scratch.Directory, "artifacts"));
            File.Copy(Path.Combine(root, "pbench-auth-spec"), Path.Combine(scratch.Directory, "pbench-auth-spec"));
            File.Copy(Path.Combine(root, ".ci", "run"), Path.Combine(scratch.Directory, ".ci", "run"));
            var dotnet = Path.Combine(scratch.Directory, "bin", "dotnet");
            File.WriteAllText(dotnet, FakeDotnet.ReplaceLineEndings("\n") + "\n");
            // The front door is a bash script: these tests run where it does (not on Windows).
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(dotnet, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            // A stamp older than the one source file: the front door builds first.
            var stamp = Path.Combine(scratch.Directory, "artifacts", ".build-stamp");
            File.WriteAllText(stamp, "");
            File.SetLastWriteTimeUtc(stamp, DateTime.UtcNow.AddHours(-1));
            File.WriteAllText(Path.Combine(scratch.Directory, "Source.cs"), "// edited after the last build\n");
            return scratch;
        }

        public void Counts(string project, string passedFailedExecuted) =>
            File.WriteAllText(Path.Combine(Directory, "counts", project), passedFailedExecuted + "\n");

        public async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Directory };
            info.ArgumentList.Add(Path.Combine(Directory, args[0]));
            foreach (var arg in args.Skip(1))
            {
                info.ArgumentList.Add(arg);
            }

            info.Environment["PATH"] = $"{Path.Combine(Directory, "bin")}:{Environment.GetEnvironmentVariable("PATH")}";
            info.Environment["SCRATCH"] = Directory;
            info.Environment["PBENCH_AUTH_SPEC_BUILD_COMMAND"] = Build;
            info.Environment["PBENCH_AUTH_SPEC_CHROMIUM"] = "/bin/true";
            using var process = Process.Start(info) ?? throw new InvalidOperationException("bash did not start.");
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = await process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await stdout, stderr);
        }

        public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
    }
}
