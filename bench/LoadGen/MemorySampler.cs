using System.Text.Json;

namespace PbenchAuthSpec.LoadGen;

/// <summary>
/// The soaked servers' memory, sampled once a second while the traffic runs: resident size from
/// /proc, the managed heap from each server's read-only <c>/__admin/memory</c> (nothing is
/// collected to answer it).
/// </summary>
public sealed class MemorySampler(IReadOnlyList<ServerProcess> servers, HttpClient http)
{
    private readonly List<MemorySample>[] _series = servers.Select(_ => new List<MemorySample>()).ToArray();

    /// <summary>Each server's samples, in the order of the servers given.</summary>
    public IReadOnlyList<IReadOnlyList<MemorySample>> Series => _series;

    public double[] RssNow() => servers.Select(s => s.ResidentKib() / 1024.0).ToArray();

    public async Task RunAsync(TimeSpan until, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var start = DateTime.UtcNow;
        while (DateTime.UtcNow - start < until && await timer.WaitForNextTickAsync(cancellationToken))
        {
            var seconds = (DateTime.UtcNow - start).TotalSeconds;
            for (var i = 0; i < servers.Count; i++)
            {
                var sample = await SampleAsync(servers[i], seconds, cancellationToken);
                lock (_series[i])
                {
                    _series[i].Add(sample);
                }
            }
        }
    }

    private async Task<MemorySample> SampleAsync(ServerProcess server, double seconds, CancellationToken cancellationToken)
    {
        var rss = server.ResidentKib() / 1024.0;
        try
        {
            var url = new Uri(server.Launch.ReadyUrl, "/__admin/memory");
            using var document = JsonDocument.Parse(await http.GetStringAsync(url, cancellationToken));
            var root = document.RootElement;
            var fullIndex = root.GetProperty("full_gc_index").GetInt64();
            return new MemorySample(seconds, rss, Mib(root, "heap_bytes"), Mib(root, "committed_bytes"), fullIndex > 0 ? Mib(root, "live_bytes_at_full_gc") : null, fullIndex);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or KeyNotFoundException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // A server without /__admin/memory (or too busy to answer in time) still has its RSS checked.
            return new MemorySample(seconds, rss, null, null, null, 0);
        }
    }

    private static double Mib(JsonElement root, string name) => root.GetProperty(name).GetInt64() / 1024.0 / 1024.0;
}
