using System.Collections.Concurrent;

namespace PbenchAuthSpec.LoadGen;

/// <summary>What the hostile side of the soak saw, by case and status class, plus every failure.</summary>
public sealed class SoakCounters
{
    private readonly ConcurrentDictionary<string, long> _byCaseAndClass = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _failures = new();
    private long _requests;
    private long _serverErrors;
    private long _unanswered;
    private long _openRedirects;
    private long _replaysRefused;
    private long _replaysAccepted;
    private long _logouts;

    public long Requests => Interlocked.Read(ref _requests);

    public long ServerErrors => Interlocked.Read(ref _serverErrors);

    public long Unanswered => Interlocked.Read(ref _unanswered);

    public long OpenRedirects => Interlocked.Read(ref _openRedirects);

    public long ReplaysRefused => Interlocked.Read(ref _replaysRefused);

    public long ReplaysAccepted => Interlocked.Read(ref _replaysAccepted);

    public long Logouts => Interlocked.Read(ref _logouts);

    public IReadOnlyDictionary<string, long> ByCaseAndClass => _byCaseAndClass;

    /// <summary>The first failures, for the report (bounded).</summary>
    public IEnumerable<string> Failures => _failures;

    public void Answered(string name, int status, Uri? location, int? expected = null)
    {
        Interlocked.Increment(ref _requests);
        _byCaseAndClass.AddOrUpdate($"{name} → {status / 100}xx", 1, (_, n) => n + 1);
        if (status >= 500)
        {
            Interlocked.Increment(ref _serverErrors);
            Fail($"{name}: {status}");
        }
        else if (expected is { } want && status != want)
        {
            // The admin API's Content-Type and cross-site rules (415, 403) and the Host check (421).
            Fail($"{name}: {status} (expected {want})");
        }

        // RFC 6749 §10.15: an unregistered redirect URI must never be followed.
        if (location is not null && location.ToString().StartsWith(HostileTarget.Evil, StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _openRedirects);
            Fail($"{name}: redirected to {location}");
        }
    }

    public void Unanswer(string name, string why)
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Increment(ref _unanswered);
        _byCaseAndClass.AddOrUpdate($"{name} → no answer", 1, (_, n) => n + 1);
        Fail($"{name}: no answer ({why})");
    }

    public void Closed(string name)
    {
        Interlocked.Increment(ref _requests);
        _byCaseAndClass.AddOrUpdate($"{name} → closed", 1, (_, n) => n + 1);
    }

    /// <summary>Each login ends with a back-channel logout, so the broker's sessions do not pile up; 204 ends it.</summary>
    public void Logout(int status)
    {
        if (status == 204)
        {
            Interlocked.Increment(ref _logouts);
            return;
        }

        if (status >= 500)
        {
            Interlocked.Increment(ref _serverErrors);
        }

        Fail(status == 0 ? "login ended without a refresh token to log out with" : $"logout answered {status} (expected 204)");
    }

    /// <summary>RFC 6749 §4.1.2: a code is single-use; a second redemption gets 400.</summary>
    public void Replay(int status)
    {
        Interlocked.Increment(ref _requests);
        if (status == 400)
        {
            Interlocked.Increment(ref _replaysRefused);
            return;
        }

        Interlocked.Increment(ref _replaysAccepted);
        if (status >= 500)
        {
            Interlocked.Increment(ref _serverErrors);
        }

        Fail($"replayed code answered {status} (expected 400 invalid_grant)");
    }

    private void Fail(string what)
    {
        if (_failures.Count < 50)
        {
            _failures.Enqueue(what);
        }
    }
}
