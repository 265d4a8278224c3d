namespace PbenchAuthSpec.SpecTests.Trace;

/// <summary>Every exchange of one run, from every source, under one id sequence.</summary>
public sealed class TraceLog
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<int, Exchange> _exchanges = [];
    private int _next;

    public int NextId() => Interlocked.Increment(ref _next);

    public Exchange Add(Exchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        lock (_gate)
        {
            _exchanges[exchange.Id] = exchange;
        }

        return exchange;
    }

    public Exchange Add(Func<int, Exchange> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        return Add(build(NextId()));
    }

    /// <summary>Changes an exchange in place (the recorder completes them as responses arrive).</summary>
    public void Update(int id, Func<Exchange, Exchange> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            if (_exchanges.TryGetValue(id, out var current))
            {
                _exchanges[id] = change(current);
            }
        }
    }

    public IReadOnlyList<Exchange> Snapshot(string? source = null)
    {
        lock (_gate)
        {
            return _exchanges.Values.Where(e => source is null || e.Source == source).ToList();
        }
    }
}
