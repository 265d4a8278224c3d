using System.Collections.Concurrent;

namespace PbenchAuthSpec.Protocol;

/// <summary>
/// The request journal. One instance may be shared by several stand-ins so that their traffic,
/// back-channel calls included, reads in one time order. Bounded: the oldest entries go first.
/// </summary>
public sealed class Journal
{
    /// <summary>Stand-ins put this in the User-Agent of their own outgoing (back-channel) calls.</summary>
    public const string BackChannelAgentMarker = "PbenchAuthSpec-back-channel";

    private readonly ConcurrentQueue<JournalEntry> _entries = new();
    private readonly int _capacity;
    private long _sequence;

    public Journal(int capacity = 4_000) => _capacity = capacity;

    public long NextSequence() => Interlocked.Increment(ref _sequence);

    /// <summary>Adds an entry with its secrets replaced (<see cref="JournalRedaction"/>), whoever recorded it.</summary>
    public void Add(JournalEntry entry)
    {
        _entries.Enqueue(JournalRedaction.Apply(entry));
        while (_entries.Count > _capacity && _entries.TryDequeue(out _))
        {
        }
    }

    /// <summary>Entries in the order their requests arrived.</summary>
    public IReadOnlyList<JournalEntry> Entries(string? server = null, long afterSequence = 0) =>
        _entries.Where(e => (server is null || e.Server == server) && e.Sequence > afterSequence)
            .OrderBy(e => e.Sequence)
            .ToList();

    public long LastSequence => Interlocked.Read(ref _sequence);

    public void Clear() => _entries.Clear();
}
