using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PbenchAuthSpec.TestSupport;

/// <summary>
/// A program of this repository started from its own command line (the built dll as its own
/// process, as a user starts it), ready once it printed its first line; stopped on dispose.
/// </summary>
internal sealed class StandaloneServer : IAsyncDisposable
{
    private const string Listening = " listening on ";
    private readonly Process _process;

    private StandaloneServer(Process process, string firstLine)
    {
        _process = process;
        FirstLine = firstLine;
    }

    /// <summary>The first line of stdout (a server's <c>X listening on URL</c>, <c>serve --json</c>'s URLs).</summary>
    public string FirstLine { get; }

    /// <summary>The URL of a <c>X listening on URL</c> first line.</summary>
    public string Url => FirstLine[(FirstLine.IndexOf(Listening, StringComparison.Ordinal) + Listening.Length)..];

    /// <param name="program">The assembly's short name: <c>Cli</c>, <c>MockIdp</c>, <c>MockBroker</c>, <c>ReferenceServer</c>.</param>
    public static async Task<StandaloneServer> StartAsync(string program, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, $"PbenchAuthSpec.{program}.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var first = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (first is null)
        {
            var error = await process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            process.Dispose();
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {process.ExitCode} before its first line: {error}");
        }

        // Keep both pipes drained, so a chatty server never blocks on a full one.
        _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
        return new StandaloneServer(process, first);
    }

    /// <summary>Loopback ports the OS gave out a moment ago, distinct: for servers that must know each other's URL before they start.</summary>
    public static IReadOnlyList<int> FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToList();
        }
        finally
        {
            listeners.ForEach(l => l.Dispose());
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
