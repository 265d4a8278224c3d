namespace PbenchAuthSpec.MockBroker.State;

/// <summary>
/// An in-memory map with per-entry expiry (from the injected clock) and a hard size bound: when
/// full, expired entries go first, then the oldest tenth. Nothing a client sends can grow it
/// without limit.
/// </summary>
internal sealed class BoundedStore<TKey, TValue>(TimeProvider clock, int capacity)
    where TKey : notnull
{
    private const int PurgeEvery = 512;

    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, Entry> _entries = [];
    private long _sequence;

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

    public void Set(TKey key, TValue value, DateTimeOffset expiresAt)
    {
        lock (_gate)
        {
            if (_entries.Count >= capacity && !_entries.ContainsKey(key))
            {
                Evict();
            }
            else if (_sequence % PurgeEvery == 0)
            {
                // Expired entries go now and then, not only when full: a busy realm's memory then
                // stays at what its lifetimes hold instead of climbing to the bound (bench/soak).
                PurgeExpired();
            }

            _entries[key] = new Entry(value, expiresAt, ++_sequence);
        }
    }

    public bool TryGet(TKey key, out TValue value)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var entry) && entry.ExpiresAt > clock.GetUtcNow())
            {
                value = entry.Value;
                return true;
            }

            _entries.Remove(key);
            value = default!;
            return false;
        }
    }

    /// <summary>Removes and returns a live entry; the single-use read for codes and login states.</summary>
    public bool TryTake(TKey key, out TValue value)
    {
        lock (_gate)
        {
            if (_entries.Remove(key, out var entry) && entry.ExpiresAt > clock.GetUtcNow())
            {
                value = entry.Value;
                return true;
            }

            value = default!;
            return false;
        }
    }

    public bool Remove(TKey key)
    {
        lock (_gate)
        {
            return _entries.Remove(key);
        }
    }

    public IReadOnlyList<TValue> LiveValues()
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            return _entries.Values.Where(e => e.ExpiresAt > now).Select(e => e.Value).ToList();
        }
    }

    private void Evict()
    {
        PurgeExpired();
        if (_entries.Count < capacity)
        {
            return;
        }

        var oldest = _entries.OrderBy(e => e.Value.Sequence).Take(Math.Max(1, capacity / 10)).Select(e => e.Key).ToList();
        foreach (var key in oldest)
        {
            _entries.Remove(key);
        }
    }

    private void PurgeExpired()
    {
        var now = clock.GetUtcNow();
        foreach (var key in _entries.Where(e => e.Value.ExpiresAt <= now).Select(e => e.Key).ToList())
        {
            _entries.Remove(key);
        }
    }

    private readonly record struct Entry(TValue Value, DateTimeOffset ExpiresAt, long Sequence);
}
