using System.Text;

namespace PbenchAuthSpec.LoadGen;

/// <summary>
/// <c>soak --inject-leak yes</c>: a leak on purpose, to show the memory check fails on one. Every
/// 50 ms MockBroker gets one more fault mapping that never matches, with a 64 KiB body: its
/// mapping store only grows, as a store without a bound or an expiry would under real traffic.
/// </summary>
public static class InjectedLeak
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);
    private static readonly string Body = new('x', 64 * 1024);

    public static async Task RunAsync(HttpClient http, Uri broker, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var mapping = "{\"Title\":\"injected leak\",\"Request\":{\"Path\":\"/never/" + Guid.NewGuid().ToString("N")
                    + "\"},\"Response\":{\"StatusCode\":418,\"Body\":\"" + Body + "\"}}";
                using var content = new StringContent(mapping, Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(new Uri(broker, "/__admin/mappings"), content, stop);
                response.EnsureSuccessStatusCode();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
