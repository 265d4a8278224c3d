using System.Globalization;

namespace PbenchAuthSpec.LoadGen;

/// <summary>
/// Is a server's memory flat? The end of the traffic is compared with its middle, each as the
/// median of <see cref="Window"/> samples, so one collection's spike does not decide. What a
/// leak grows is judged; how much memory the GC chooses to keep is not (a server whose GC
/// postpones full collections climbs in resident size with no object kept alive):
/// <list type="bullet">
/// <item>the live managed heap: what survived the first full collection after the warm-up (the
/// first third of the run) against what survived the last one. A leak of objects grows it, and
/// makes the GC collect gen2 as it fills. Allowed <c>max(P %, H MiB)</c>. When fewer than two full
/// collections ran after the warm-up, the heap the last collection left is reported (it holds
/// whatever gen2 garbage waits for the next full collection), not judged.</item>
/// <item>resident memory outside the GC heap (resident size − the GC's committed memory):
/// native allocations, stacks, code. A native leak grows it. Allowed <c>max(P %, M MiB)</c>.</item>
/// </list>
/// Resident size itself is reported beside them, not judged.
/// </summary>
public sealed record MemoryTrend(string Server, string Measure, double Middle, double Tail, double Limit, bool Judged = true)
{
    public const int Window = 3;

    public bool Grew => Judged && Tail > Limit;

    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Server} {Measure}: {Middle:0.0} MiB mid-run → {Tail:0.0} MiB at the end ({(Judged ? $"limit {Limit:0.0}" : "not judged: the GC's own sizing")})");

    /// <summary>The trends of one server; none when there are too few samples.</summary>
    public static IEnumerable<MemoryTrend> Of(string server, IReadOnlyList<MemorySample> samples, double percent, double outsideMib, double heapMib)
    {
        if (samples.Count < 3 * Window)
        {
            yield break;
        }

        var middleStart = Math.Clamp((samples.Count / 2) - (Window / 2), 0, samples.Count - (2 * Window));
        var middle = samples.Skip(middleStart).Take(Window).ToList();
        var tail = samples.TakeLast(Window).ToList();
        yield return Compare(server, "resident size", middle, tail, s => s.RssMib, percent, 0) with { Judged = false };
        if (LiveHeap(server, samples, samples.Count / 3, percent, heapMib) is { } live)
        {
            yield return live;
        }
        else if (samples.All(s => s.HeapMib is not null))
        {
            yield return Compare(server, "managed heap (fewer than two full GCs after warm-up)", middle, tail, s => s.HeapMib, percent, heapMib) with { Judged = false };
        }

        yield return samples.All(s => s.OutsideGcMib is not null)
            ? Compare(server, "resident outside the GC heap", middle, tail, s => s.OutsideGcMib, percent, outsideMib)
            : Compare(server, "resident size", middle, tail, s => s.RssMib, percent, outsideMib);
    }

    /// <summary>
    /// A full collection's live bytes are first seen in the sample after it ran: the first one
    /// seen after the warm-up against the last one, when they come from different collections.
    /// </summary>
    private static MemoryTrend? LiveHeap(string server, IReadOnlyList<MemorySample> samples, int warmUp, double percent, double heapMib)
    {
        var before = samples[warmUp - 1].FullGcIndex;
        var first = samples.Skip(warmUp).FirstOrDefault(s => s.FullGcIndex > before && s.LiveMibAtFullGc is not null);
        var last = samples[^1];
        return first is null || last.FullGcIndex <= first.FullGcIndex || last.LiveMibAtFullGc is not { } tail
            ? null
            : new MemoryTrend(server, string.Create(CultureInfo.InvariantCulture, $"live heap at full GC ({first.Seconds:0} s → {last.Seconds:0} s)"), first.LiveMibAtFullGc!.Value, tail, Allowed(first.LiveMibAtFullGc!.Value, percent, heapMib));
    }

    private static MemoryTrend Compare(string server, string measure, List<MemorySample> middle, List<MemorySample> tail, Func<MemorySample, double?> value, double percent, double floorMib)
    {
        var m = Median.Of(middle.Select(s => value(s)!.Value).ToList());
        return new MemoryTrend(server, measure, m, Median.Of(tail.Select(s => value(s)!.Value).ToList()), Allowed(m, percent, floorMib));
    }

    private static double Allowed(double middle, double percent, double floorMib) => middle + Math.Max(middle * percent / 100, floorMib);
}
