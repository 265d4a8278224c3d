namespace PbenchAuthSpec.Protocol;

/// <summary>
/// The request journal. One instance may be shared by several stand-ins so that their traffic,
/// back-channel calls included, reads in one time order. Bounded in entries and in bytes
/// (<see cref="JournalLimits"/>): each entry is capped as it is added, and the oldest entries go
/// first when either bound is passed, so no traffic can grow it without limit.
/// </summary>
public sealed class Journal(JournalLimits? limits = null)
{
    /// <summary>Stand-ins put this in the User-Agent of their own outgoing (back-channel) calls.</summary>
    public const string BackChannelAgentMarker = "PbenchAuthSpec-back-channel";

    private readonly Lock _gate = new();
    private readonly Queue<(JournalEntry Entry, long Bytes)> _entries = new();
    private long _bytes;
    private long _sequence;

    public JournalLimits Limits { get; } = limits ?? new JournalLimits();

    public long NextSequence() => Interlocked.Increment(ref _sequence);

    /// <summary>What the entries held now account for (<see cref="JournalLimits.AccountedBytes"/>).</summary>
    public long AccountedBytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Adds an entry with its secrets replaced (<see cref="JournalRedaction"/>) and its parts capped, whoever recorded it.</summary>
    public void Add(JournalEntry entry)
    {
        // Redacted before it is capped, so a cut never leaves part of a secret behind.
        var kept = Limits.Cap(JournalRedaction.Apply(entry));
        var bytes = JournalLimits.AccountedBytes(kept);
        lock (_gate)
        {
            _entries.Enqueue((kept, bytes));
            _bytes += bytes;
            while (_entries.Count > Limits.MaxEntries || (_bytes > Limits.MaxTotalBytes && _entries.Count > 1))
            {
                _bytes -= _entries.Dequeue().Bytes;
            }
        }
    }

    /// <summary>Entries in the order their requests arrived.</summary>
    public IReadOnlyList<JournalEntry> Entries(string? server = null, long afterSequence = 0)
    {
        (JournalEntry Entry, long Bytes)[] snapshot;
        lock (_gate)
        {
            snapshot = _entries.ToArray();
        }

        return snapshot.Select(e => e.Entry)
            .Where(e => (server is null || e.Server == server) && e.Sequence > afterSequence)
            .OrderBy(e => e.Sequence)
            .ToList();
    }

    public long LastSequence => Interlocked.Read(ref _sequence);

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
            _entries.TrimExcess();
            _bytes = 0;
        }
    }
}
