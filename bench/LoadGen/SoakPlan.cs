namespace PbenchAuthSpec.LoadGen;

/// <summary>
/// How long and how hard. Memory is flat when, from the middle of the traffic to its end
/// (<see cref="MemoryTrend"/>), the live managed heap grew by at most <see cref="TolerancePercent"/> %
/// or <see cref="HeapToleranceMib"/> MiB and resident memory outside the GC heap by at most that %
/// or <see cref="ToleranceMib"/> MiB, whichever is larger. With the soak's 10 s lifetimes
/// (<see cref="SoakFixtures"/>) and a journal of 4,000 entries, the stand-ins' state has its steady
/// size well before the middle.
/// </summary>
public sealed record SoakPlan(TimeSpan Duration, int Workers, int HostileWorkers, TimeSpan Settle, double TolerancePercent, double ToleranceMib)
{
    public double HeapToleranceMib { get; init; } = 8;

    /// <summary>
    /// Proves the memory check can fail: the soak also keeps adding never-matching 64 KiB fault
    /// mappings to MockBroker (an unbounded store, as a leak would be), ~1.2 MiB/s.
    /// </summary>
    public bool InjectLeak { get; init; }
}
