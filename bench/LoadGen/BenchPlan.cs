namespace PbenchAuthSpec.LoadGen;

/// <summary>How long and how often: every load phase lasts <see cref="Duration"/> after a <see cref="Warmup"/>.</summary>
public sealed record BenchPlan(int Repetitions, TimeSpan Duration, TimeSpan Warmup, int LoginConnections)
{
    /// <summary>How the stand-ins were built: <c>aot</c> (Native AOT) or <c>jit</c> (ReadyToRun).</summary>
    public string Standins { get; init; } = "jit";
}
