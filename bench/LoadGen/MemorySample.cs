namespace PbenchAuthSpec.LoadGen;

/// <summary>
/// One server's memory at one moment: resident size (MiB) and, from its <c>/__admin/memory</c>,
/// the managed heap the last collection left, the memory the GC had committed then, and the live
/// bytes of the last full collection with that collection's index.
/// </summary>
public sealed record MemorySample(double Seconds, double RssMib, double? HeapMib, double? CommittedMib, double? LiveMibAtFullGc, long FullGcIndex)
{
    /// <summary>Resident memory the GC heap does not account for: native allocations, stacks, code.</summary>
    public double? OutsideGcMib => CommittedMib is { } committed ? RssMib - committed : null;
}
