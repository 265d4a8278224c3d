using System.Text.Json;
using Microsoft.Playwright;
using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>
/// <c>fetch()</c> from inside a page on the target's origin: the calls of steps 17–20 come from the
/// browser, as the dashboard's would. Probes are tagged (<see cref="NetworkRecorder.ProbeHeader"/>)
/// and recorded here, with the exact request the harness built.
/// </summary>
public sealed class BrowserFetch(TraceLog log, TimeProvider clock)
{
    private const string Script = """
        async ({method, url, headers, body}) => {
          try {
            const r = await fetch(url, {method, headers, body: body === null ? undefined : body, credentials: 'omit', redirect: 'manual', cache: 'no-store'});
            const h = {};
            r.headers.forEach((v, k) => { h[k] = v; });
            return {status: r.status, headers: h, body: await r.text(), error: null};
          } catch (e) {
            return {status: 0, headers: {}, body: null, error: String(e)};
          }
        }
        """;

    private int _probe;

    /// <param name="probe">True for the harness's own probes; false for calls that play a numbered step (the recorder records those).</param>
    public async Task<Exchange> FetchAsync(IPage page, FetchRequest request, bool probe = true)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(request);
        var headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase);
        if (probe)
        {
            headers[NetworkRecorder.ProbeHeader] = Interlocked.Increment(ref _probe).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var time = clock.GetUtcNow();
        var result = await page.EvaluateAsync<JsonElement>(Script, new { method = request.Method, url = request.Url, headers, body = request.Body });
        var status = result.GetProperty("status").GetInt32();
        var exchange = new Exchange
        {
            Id = 0,
            Source = probe ? "probe" : "browser-fetch",
            Time = time,
            Method = request.Method,
            Url = request.Url,
            RequestHeaders = headers,
            RequestBody = request.Body,
            Status = status == 0 ? null : status,
            ResponseHeaders = result.GetProperty("headers").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.OrdinalIgnoreCase),
            ResponseBody = result.GetProperty("body").ValueKind == JsonValueKind.String ? result.GetProperty("body").GetString() : null,
            Failure = result.GetProperty("error").ValueKind == JsonValueKind.String ? result.GetProperty("error").GetString() : null,
            ResourceType = "fetch",
        };
        return probe ? log.Add(id => exchange with { Id = id }) : exchange;
    }
}
