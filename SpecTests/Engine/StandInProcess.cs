using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>
/// The embedded stand-ins as their own process: the very <c>serve --json</c> a user runs. The run
/// reads its first line (the URLs) and from then on reaches it only over HTTP, as any target.
/// It never outlives the run: <c>--until-stdin-closes</c> stops it when the run's end of its stdin
/// closes, which the kernel does however the run ends (disposal, Ctrl-C, SIGTERM, even SIGKILL).
/// </summary>
public sealed class StandInProcess : IAsyncDisposable
{
    // Runtime start, JIT and three hosts on a loaded 2-core machine take seconds, not a minute.
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly Task _drained;

    private StandInProcess(Process process, StandInUrls urls, Task drained)
    {
        _process = process;
        Urls = urls;
        _drained = drained;
    }

    public StandInUrls Urls { get; }

    public int ProcessId => _process.Id;

    /// <summary>Starts <c>serve --json --until-stdin-closes</c> with these options and waits for its URLs.</summary>
    public static async Task<StandInProcess> StartAsync(IReadOnlyList<string> serveOptions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serveOptions);
        var (program, first) = ServeProgram.Locate();
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var arg in first.Concat(["serve", "--json", "--until-stdin-closes"]).Concat(serveOptions))
        {
            info.ArgumentList.Add(arg);
        }

        var command = $"{program} {string.Join(' ', info.ArgumentList)}";
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new SpecRunException($"the embedded stand-ins could not be started ({command}).");
        }
        catch (Win32Exception e)
        {
            throw new SpecRunException($"the embedded stand-ins could not be started ({program}: {e.Message}): install the .NET SDK 10 or set {ServeProgram.Variable} to the stand-ins' program.", e);
        }

        var stderr = new StringBuilder();
        var errors = DrainAsync(process.StandardError, stderr);
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(StartLimit);
            var line = await ReadFirstLineAsync(process, limit.Token, cancellationToken);
            if (line is null)
            {
                // serve stopped before it printed its URLs: its own one-line error is on stderr.
                await process.WaitForExitAsync(limit.Token);
                await errors;
                var why = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "no output";
                throw new SpecRunException($"the embedded stand-ins did not start ({command} exited with {process.ExitCode}): {why}");
            }

            var urls = StandInUrls.Parse(line) ?? throw new SpecRunException($"the embedded stand-ins' first line is not serve --json's URLs ({command} printed: {line}); {ServeProgram.Variable} must name PbenchAuthSpec.Cli.dll.");
            return new StandInProcess(process, urls, Task.WhenAll(errors, DrainAsync(process.StandardOutput, null)));
        }
        catch
        {
            await StopAsync(process);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(_process);
        try
        {
            await _drained.WaitAsync(StopLimit);
        }
        catch (TimeoutException)
        {
            // A grandchild still holding the pipes; the process itself is gone.
        }

        _process.Dispose();
    }

    private static async Task<string?> ReadFirstLineAsync(Process process, CancellationToken limit, CancellationToken cancellationToken)
    {
        try
        {
            return await process.StandardOutput.ReadLineAsync(limit);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SpecRunException($"the embedded stand-ins printed no URLs within {StartLimit.TotalSeconds:0} s (a machine this loaded cannot run the walk either; try again when it is quieter).");
        }
    }

    // Closing stdin is serve's stop signal; a serve that does not stop in time is killed.
    private static async Task StopAsync(Process process)
    {
        if (process.HasExited)
        {
            return;
        }

        process.StandardInput.Close();
        using var limit = new CancellationTokenSource(StopLimit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    // Read to the end so a chatty server never blocks on a full pipe; keep stderr for the error line.
    private static async Task DrainAsync(StreamReader reader, StringBuilder? keep)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            // Only until serve is up: its error line, if it stops first.
            if (keep is { Length: < 16_384 })
            {
                keep.AppendLine(line);
            }
        }
    }
}
