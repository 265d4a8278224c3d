namespace PbenchAuthSpec.LoadGen;

/// <summary>
/// How long and how hard; memory is flat when the resident size after <see cref="Settle"/> is at
/// most the warm-up one plus <see cref="TolerancePercent"/> % or <see cref="ToleranceMib"/> MiB,
/// whichever is larger.
/// </summary>
public sealed record SoakPlan(TimeSpan Duration, int Workers, int HostileWorkers, TimeSpan Settle, double TolerancePercent, double ToleranceMib)
{
    /// <summary>Warm-up ends a third into the run: the bounded stores (journal, sessions) have filled by then.</summary>
    public TimeSpan WarmUp => Duration / 3;
}
