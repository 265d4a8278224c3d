using System.Collections.Concurrent;

namespace PbenchAuthSpec.LoadGen;

/// <summary>
/// Counts complete, lost and crossed logins. Crossed: a token naming another user than the one
/// who logged in, or a user whose <c>sub</c> changes, or two users sharing one <c>sub</c>.
/// </summary>
public sealed class LoginTally
{
    private readonly ConcurrentDictionary<string, string> _subjectOfUser = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _userOfSubject = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _lostReasons = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _crossedExamples = new();
    private long _completed;
    private long _lost;
    private long _crossed;
    private long _hops;

    public long Completed => Interlocked.Read(ref _completed);

    public long Lost => Interlocked.Read(ref _lost);

    public long Crossed => Interlocked.Read(ref _crossed);

    public double MeanHops => Completed == 0 ? 0 : (double)Interlocked.Read(ref _hops) / Completed;

    public IReadOnlyDictionary<string, int> LostReasons => _lostReasons;

    public IEnumerable<string> CrossedExamples => _crossedExamples.Take(5);

    public void Record(LoginOutcome outcome)
    {
        var mine = outcome.TokenUsername == outcome.User
            && _subjectOfUser.GetOrAdd(outcome.User, outcome.Subject) == outcome.Subject
            && _userOfSubject.GetOrAdd(outcome.Subject, outcome.User) == outcome.User;
        if (!mine)
        {
            Interlocked.Increment(ref _crossed);
            _crossedExamples.Enqueue($"{outcome.User} got a token for {outcome.TokenUsername} (sub {outcome.Subject})");
            return;
        }

        Interlocked.Increment(ref _completed);
        Interlocked.Add(ref _hops, outcome.Hops);
    }

    public void RecordLost(string reason)
    {
        Interlocked.Increment(ref _lost);
        // Group by the reason's shape, not its random parts (state values, codes).
        var key = reason.Length > 120 ? reason[..120] : reason;
        _lostReasons.AddOrUpdate(key, 1, (_, n) => n + 1);
    }
}
