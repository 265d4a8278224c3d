using System.Net.Http.Headers;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Hosting;

/// <summary>
/// The broker's own outgoing calls (discovery, JWKS, code exchange at the IdP) go into the shared
/// journal as server <c>broker-back-channel</c>, and carry <see cref="Journal.BackChannelAgentMarker"/>
/// in their User-Agent so the IdP's journal marks them as back-channel too.
/// </summary>
internal sealed class BackChannelJournalHandler(Journal journal, TimeProvider clock) : DelegatingHandler
{
    public const string ServerName = "broker-back-channel";

    public static HttpClient CreateClient(Journal journal, TimeProvider clock)
    {
        var handler = new BackChannelJournalHandler(journal, clock)
        {
            InnerHandler = new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                ConnectTimeout = TimeSpan.FromSeconds(5),
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            },
        };
        var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("MockBroker", "1.0"));
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue($"({Journal.BackChannelAgentMarker})"));
        return client;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var sequence = journal.NextSequence();
        var time = clock.GetUtcNow();
        var requestBody = request.Content is null ? null : Trim(await request.Content.ReadAsStringAsync(cancellationToken));
        var requestHeaders = Flatten(request.Headers, request.Content?.Headers);
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var responseBody = Trim(await response.Content.ReadAsStringAsync(cancellationToken));
            Record((int)response.StatusCode, Flatten(response.Headers, response.Content.Headers), responseBody);
            return response;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Record(0, new Dictionary<string, string>(), $"(no response: {e.Message})");
            throw;
        }

        void Record(int status, Dictionary<string, string> responseHeaders, string? responseBody) =>
            journal.Add(new JournalEntry(
                sequence, time, ServerName, request.Method.Method, request.RequestUri?.ToString() ?? "",
                requestHeaders, requestBody, status, responseHeaders, responseBody, null));
    }

    // Passwords, client secrets and Basic credentials are redacted by Journal.Add (JournalRedaction).
    // One past the journal's cap, so that Journal.Add sees the body was longer and marks the cut.
    private string? Trim(string? text) => text is { } t && t.Length > journal.Limits.MaxBodyChars + 1 ? t[..(journal.Limits.MaxBodyChars + 1)] : text;

    private static Dictionary<string, string> Flatten(HttpHeaders headers, HttpHeaders? contentHeaders)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in headers.Concat(contentHeaders ?? (IEnumerable<KeyValuePair<string, IEnumerable<string>>>)[]))
        {
            result[name] = string.Join(", ", values);
        }

        return result;
    }
}
