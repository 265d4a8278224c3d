using System.Collections.Concurrent;
using Microsoft.Playwright;
using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>
/// Records the browser context's traffic from Playwright's network events: every request with its
/// post data and raw headers, every response (redirects included) with raw headers and, for
/// textual bodies, the body, read eagerly because a navigation can evict it. Requests the harness
/// tags as its own probes (<see cref="ProbeHeader"/>) are left to the probe code.
/// </summary>
public sealed class NetworkRecorder
{
    public const string ProbeHeader = "x-pbench-auth-spec-probe";
    private const int BodyLimit = 64 * 1024;

    private readonly TraceLog _log;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<IRequest, int> _ids = new();
    private readonly ConcurrentBag<Task> _pending = [];

    public NetworkRecorder(IBrowserContext context, TraceLog log, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(context);
        _log = log;
        _clock = clock;
        context.Request += (_, request) => OnRequest(request);
        context.Response += (_, response) => _pending.Add(OnResponseAsync(response));
        context.RequestFailed += (_, request) => OnFailed(request);
    }

    /// <summary>The trace id of a request the recorder saw.</summary>
    public int? IdOf(IRequest request) => request is not null && _ids.TryGetValue(request, out var id) ? id : null;

    /// <summary>Waits for the bodies and headers still being read (bounded: a vanished page never answers).</summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        try
        {
            await Task.WhenAll(_pending.ToArray()).WaitAsync(timeout, _clock);
        }
        catch (TimeoutException)
        {
            // What is still missing stays missing; the checks say "no body recorded".
        }
    }

    private void OnRequest(IRequest request)
    {
        if (request.Headers.ContainsKey(ProbeHeader))
        {
            return;
        }

        var from = request.RedirectedFrom is { } previous && _ids.TryGetValue(previous, out var previousId) ? previousId : (int?)null;
        var exchange = _log.Add(id => new Exchange
        {
            Id = id,
            Source = "browser",
            Time = _clock.GetUtcNow(),
            Method = request.Method,
            Url = request.Url,
            RequestHeaders = Headers(request.Headers),
            RequestBody = request.PostData,
            ResourceType = request.ResourceType,
            RedirectedFrom = from,
        });
        _ids[request] = exchange.Id;
        _pending.Add(CompleteRequestHeadersAsync(request, exchange.Id));
    }

    private async Task CompleteRequestHeadersAsync(IRequest request, int id)
    {
        try
        {
            var headers = Headers(await request.AllHeadersAsync());
            Update(id, e => e with { RequestHeaders = headers });
        }
        catch (PlaywrightException)
        {
            // The page went away; the provisional headers stay.
        }
    }

    private async Task OnResponseAsync(IResponse response)
    {
        if (!_ids.TryGetValue(response.Request, out var id))
        {
            return;
        }

        Update(id, e => e with { Status = response.Status, ResponseHeaders = Headers(response.Headers) });
        try
        {
            var headers = Headers(await response.AllHeadersAsync());
            Update(id, e => e with { ResponseHeaders = headers });
            if (response.Status is < 300 or >= 400 && IsText(headers))
            {
                var body = await response.TextAsync();
                Update(id, e => e with { ResponseBody = body.Length > BodyLimit ? body[..BodyLimit] : body });
            }
        }
        catch (PlaywrightException)
        {
            // Body evicted by a navigation, or not available (e.g. a CORS-blocked response).
        }
    }

    private void OnFailed(IRequest request)
    {
        if (_ids.TryGetValue(request, out var id))
        {
            Update(id, e => e with { Failure = request.Failure ?? "failed" });
        }
    }

    private void Update(int id, Func<Exchange, Exchange> change) => _log.Update(id, change);

    private static bool IsText(Dictionary<string, string> headers) =>
        headers.TryGetValue("content-type", out var type) && (type.Contains("json", StringComparison.OrdinalIgnoreCase) || type.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || type.Contains("javascript", StringComparison.OrdinalIgnoreCase) || type.Contains("x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase));

    private static Dictionary<string, string> Headers(IEnumerable<KeyValuePair<string, string>> headers)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            result[name] = result.TryGetValue(name, out var existing) ? $"{existing}\n{value}" : value;
        }

        return result;
    }
}
