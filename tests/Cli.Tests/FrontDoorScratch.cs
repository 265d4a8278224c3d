using System.Diagnostics;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.Cli.Tests;

/// <summary>
/// A copy of the front door in a scratch folder with one source file and a stale build stamp. The
/// build is a stand-in (<c>PBENCH_AUTH_SPEC_BUILD_COMMAND</c>): it counts itself in <c>builds</c>
/// and then blocks on a FIFO until <see cref="ReleaseBuildAsync"/>, so a test decides when it ends.
/// </summary>
internal sealed class FrontDoorScratch : IDisposable
{
    private readonly List<Process> _started = [];

    private FrontDoorScratch(string directory) => Directory = directory;

    public string Directory { get; }

    public string Source => Path.Combine(Directory, "Source.cs");

    /// <summary>How many times the stand-in build ran.</summary>
    public int Builds => File.Exists(BuildsFile) ? File.ReadAllLines(BuildsFile).Length : 0;

    private string BuildsFile => Path.Combine(Directory, "builds");

    private string Release => Path.Combine(Directory, "release");

    public static async Task<FrontDoorScratch> CreateAsync(CancellationToken cancellationToken)
    {
        var scratch = new FrontDoorScratch(System.IO.Directory.CreateTempSubdirectory("pbench-front-door-").FullName);
        File.Copy(Path.Combine(FixturePaths.Directory, "..", "pbench-auth-spec"), Path.Combine(scratch.Directory, "pbench-auth-spec"));
        System.IO.Directory.CreateDirectory(Path.Combine(scratch.Directory, "artifacts"));
        var stamp = Path.Combine(scratch.Directory, "artifacts", ".build-stamp");
        await File.WriteAllTextAsync(stamp, "", cancellationToken);
        File.SetLastWriteTimeUtc(stamp, DateTime.UtcNow.AddHours(-1));
        await File.WriteAllTextAsync(scratch.Source, "// edited after the last build\n", cancellationToken);
        using var mkfifo = Process.Start("mkfifo", [scratch.Release]);
        await mkfifo.WaitForExitAsync(cancellationToken);
        return mkfifo.ExitCode == 0 ? scratch : throw new InvalidOperationException("mkfifo failed.");
    }

    /// <summary><c>./pbench-auth-spec build</c> in the scratch folder, stderr redirected.</summary>
    public Process StartBuild()
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = Directory };
        info.ArgumentList.Add(Path.Combine(Directory, "pbench-auth-spec"));
        info.ArgumentList.Add("build");
        info.Environment["PBENCH_AUTH_SPEC_BUILD_COMMAND"] = $"echo built >> '{BuildsFile}'; read -r _ < '{Release}'";
        var process = Process.Start(info) ?? throw new InvalidOperationException("bash did not start.");
        _started.Add(process);
        return process;
    }

    /// <summary>Lets the blocked stand-in build finish (writing to the FIFO waits for its reader: a process, so Dispose can end it).</summary>
    public async Task ReleaseBuildAsync(CancellationToken cancellationToken)
    {
        var writer = Process.Start("bash", ["-c", "echo go > \"$1\"", "release", Release]);
        _started.Add(writer);
        await writer.WaitForExitAsync(cancellationToken);
    }

    /// <summary>Saves the source with a time later than any stamp written so far.</summary>
    public void TouchSource() => File.SetLastWriteTimeUtc(Source, DateTime.UtcNow.AddMinutes(1));

    public void Dispose()
    {
        foreach (var process in _started)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
