namespace PbenchAuthSpec.LoadGen;

/// <summary>
/// How long and how hard; memory is flat when the resident size after <see cref="Settle"/> is at
/// most the warm-up one plus <see cref="TolerancePercent"/> % or <see cref="ToleranceMib"/> MiB,
/// whichever is larger.
/// </summary>
public sealed record SoakPlan(TimeSpan Duration, int Workers, int HostileWorkers, TimeSpan Settle, double TolerancePercent, double ToleranceMib)
{
    /// <summary>
    /// Warm-up ends 40 % into the run: with the soak's 10 s lifetimes (<see cref="SoakFixtures"/>)
    /// and a journal of 4,000 entries, the stand-ins' state has its steady size by then.
    /// </summary>
    public TimeSpan WarmUp => Duration * 0.4;
}
