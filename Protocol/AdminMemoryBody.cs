using System.Text.Json.Serialization;

namespace PbenchAuthSpec.Protocol;

/// <summary>
/// <c>GET /__admin/memory</c>: the managed heap as the garbage collector last left it, read-only
/// (nothing is collected to answer), so a soak can tell live objects from GC and allocator slack.
/// <see cref="LiveBytesAtFullGc"/> is what survived the last full collection: the live heap then.
/// </summary>
public sealed record AdminMemoryBody(
    [property: JsonPropertyName("heap_bytes")] long HeapBytes,
    [property: JsonPropertyName("fragmented_bytes")] long FragmentedBytes,
    [property: JsonPropertyName("committed_bytes")] long CommittedBytes,
    [property: JsonPropertyName("gc_index")] long GcIndex,
    [property: JsonPropertyName("live_bytes_at_full_gc")] long LiveBytesAtFullGc,
    [property: JsonPropertyName("full_gc_index")] long FullGcIndex)
{
    public static AdminMemoryBody Now()
    {
        var last = GC.GetGCMemoryInfo();
        var full = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        return new AdminMemoryBody(last.HeapSizeBytes, last.FragmentedBytes, last.TotalCommittedBytes, last.Index, full.PromotedBytes, full.Index);
    }
}
