using System.Runtime.InteropServices;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>
/// Puts the broker's original signing key back after the rotated-key control, whatever ends the
/// run: the control's own end (<see cref="RestoreAsync"/>, or disposal after an exception), a
/// Ctrl-C, SIGTERM or SIGHUP (the handler restores, then the signal takes its course), or the
/// process exiting first. A target that reads the realm key once (as Pbench does) would otherwise
/// refuse every token of the next run. Restoring is done once; later calls return the first result.
/// </summary>
public sealed class KeyRestoreGuard : IAsyncDisposable
{
    private readonly IBrokerKeys _keys;
    private readonly TimeSpan _timeout;
    private readonly List<PosixSignalRegistration> _signals = [];
    private readonly Lock _gate = new();
    private Task<string?>? _restore;

    public KeyRestoreGuard(IBrokerKeys keys, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = keys;
        _timeout = timeout;
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP })
        {
            _signals.Add(PosixSignalRegistration.Create(signal, _ => RestoreBeforeExit()));
        }

        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>Restores (once); null when the original key is active again, else one line saying what failed.</summary>
    public Task<string?> RestoreAsync()
    {
        lock (_gate)
        {
            return _restore ??= RestoreOnceAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await RestoreAsync();
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        foreach (var signal in _signals)
        {
            signal.Dispose();
        }
    }

    private async Task<string?> RestoreOnceAsync()
    {
        using var timeout = new CancellationTokenSource(_timeout);
        try
        {
            await _keys.RestoreAsync(timeout.Token);
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException or HttpRequestException)
        {
            return $"the broker's original signing key could not be restored ({e.Message.Split('\n')[0]}): {_keys.RestoreHint}";
        }
    }

    // Signal handlers and ProcessExit run on their own threads: blocking here holds the exit until the key is back.
    private void RestoreBeforeExit()
    {
        try
        {
            RestoreAsync().Wait(_timeout);
        }
        catch (AggregateException)
        {
            // Nothing more can be done on the way out; the next run restores it first (SpecRun).
        }
    }

    private void OnProcessExit(object? sender, EventArgs e) => RestoreBeforeExit();
}
