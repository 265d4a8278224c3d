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
    private readonly ConcurrentDictionary<int, Task> _reads = new();
    private readonly ConcurrentQueue<string> _console = new();

    public NetworkRecorder(IBrowserContext context, TraceLog log, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(context);
        _log = log;
        _clock = clock;
        context.Request += (_, request) => OnRequest(request);
        context.Response += (_, response) => OnResponse(response);
        context.RequestFailed += (_, request) => OnFailed(request);
        context.Console += (_, message) => Log($"{message.Type}: {message.Text} ({message.Location})");
        context.WebError += (_, error) => Log($"pageerror: {error.Error}");
    }

    /// <summary>What the pages logged (warnings and errors tell why a fetch or a redirect was blocked).</summary>
    public IReadOnlyList<string> Console => [.. _console];

    /// <summary>The trace id of a request the recorder saw.</summary>
    public int? IdOf(IRequest request) => request is not null && _ids.TryGetValue(request, out var id) ? id : null;

    /// <summary>
    /// Records a fetch the walk makes from its own page (protocol mode's steps 1 and 15) and returns
    /// the recorder's exchange for it, its body read before the walk moves on. Chromium drops a
    /// response's body when the page navigates (CDP: "No resource with given identifier found"),
    /// and the walk navigates right after these fetches: so the read is awaited here, and when it
    /// was lost all the same, the body the page itself read completes the record.
    /// </summary>
    public async Task<Exchange> RecordPageFetchAsync(Func<Task<Exchange>> fetch, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        var after = _log.NextId();
        var seen = await fetch();
        var recorded = _log.Snapshot("browser").LastOrDefault(e => e.Id > after && e.Method == seen.Method && Urls.SameUrl(e.Url, seen.Url));
        if (recorded is null)
        {
            return seen;
        }

        if (_reads.TryGetValue(recorded.Id, out var read))
        {
            try
            {
                await read.WaitAsync(timeout, _clock);
            }
            catch (TimeoutException)
            {
                // Still reading: the page's copy below stands in for it.
            }
        }

        _log.Update(recorded.Id, e => e.ResponseBody is { Length: > 0 } || seen.ResponseBody is not { Length: > 0 } page ? e : e with { ResponseBody = Cap(page) });
        return _log.Snapshot("browser").First(e => e.Id == recorded.Id);
    }

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

    // Chromium logs every 4xx it loads as an error; those statuses are in the trace already.
    private void Log(string line)
    {
        if (_console.Count < 200 && !line.Contains("Failed to load resource: the server responded with a status of", StringComparison.Ordinal))
        {
            _console.Enqueue(line.Length > 600 ? line[..600] + "…" : line);
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

    private void OnResponse(IResponse response)
    {
        var read = OnResponseAsync(response);
        _pending.Add(read);
        if (_ids.TryGetValue(response.Request, out var id))
        {
            _reads[id] = read;
        }
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
                Update(id, e => e with { ResponseBody = Cap(body) });
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

    private static string Cap(string body) => body.Length > BodyLimit ? body[..BodyLimit] : body;

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
