using System.Collections.Concurrent;

namespace PbenchAuthSpec.MockIdp;

/// <summary>
/// In-memory state with a drop time and a hard cap, so a soak cannot grow memory without bound:
/// entries go when their drop time passes (purged on every add and by a periodic timer), and when
/// more than <c>capacity</c> are held the oldest go first. Keys are unguessable random ids.
/// </summary>
internal sealed class ExpiringStore<TValue>(int capacity)
    where TValue : class
{
    private readonly ConcurrentDictionary<string, Entry> _items = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Key, DateTimeOffset DropAt)> _order = new();
    private int _queued;

    public int Count => _items.Count;

    /// <summary>Ids waiting in the drop order (at most twice the capacity).</summary>
    public int QueuedCount => Volatile.Read(ref _queued);

    public void Add(string key, TValue value, DateTimeOffset dropAt, DateTimeOffset now)
    {
        _items[key] = new Entry(value, dropAt);
        _order.Enqueue((key, dropAt));
        Interlocked.Increment(ref _queued);
        Purge(now);
    }

    /// <summary>The value while its drop time has not passed.</summary>
    public TValue? Get(string key, DateTimeOffset now) =>
        _items.TryGetValue(key, out var entry) && entry.DropAt > now ? entry.Value : null;

    /// <summary>Takes the value out; only one caller ever gets a given entry.</summary>
    public TValue? Remove(string key) => _items.TryRemove(key, out var entry) ? entry.Value : null;

    // Entries are queued in the order they were added; every store here gives all its entries the
    // same lifetime, so that is also the order in which they fall due.
    public void Purge(DateTimeOffset now)
    {
        while (_order.TryPeek(out var head)
            && (head.DropAt <= now || _items.Count > capacity || Volatile.Read(ref _queued) > 2 * capacity))
        {
            if (!_order.TryDequeue(out head))
            {
                break;
            }

            Interlocked.Decrement(ref _queued);
            if (_items.TryGetValue(head.Key, out var entry) && entry.DropAt == head.DropAt)
            {
                _items.TryRemove(head.Key, out _);
            }
        }
    }

    private sealed record Entry(TValue Value, DateTimeOffset DropAt);
}
