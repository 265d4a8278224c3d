using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>
/// The journal of standalone stand-ins (<c>./pbench-auth-spec serve</c>) over their WireMock-style
/// <c>GET /__admin/requests</c>. Every server of a stack serves the shared journal; servers of
/// separate stacks are merged. A server without the admin API (a real Keycloak) is skipped.
/// </summary>
public sealed class HttpJournal : IJournalSource, IDisposable
{
    private readonly HttpClient _http;
    private readonly IReadOnlyList<string> _candidates;
    private readonly Dictionary<string, long> _marks = new(StringComparer.Ordinal);
    private List<string> _servers = [];

    public HttpJournal(IReadOnlyList<string> baseUrls, TimeSpan timeout)
    {
        _candidates = baseUrls.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        _http = new HttpClient { Timeout = timeout };
    }

    public string? Unavailable => _servers.Count == 0 ? "no server answers GET /__admin/requests (foreign broker and IdP): the back channel is not observable" : null;

    public async Task MarkAsync(CancellationToken cancellationToken)
    {
        _servers = [];
        foreach (var url in _candidates)
        {
            if (await ReadServerAsync(url, cancellationToken) is { } entries)
            {
                _servers.Add(url);
                _marks[url] = entries.Count == 0 ? 0 : entries.Max(e => e.Sequence);
            }
        }
    }

    public async Task<IReadOnlyList<JournalEntry>> ReadAsync(CancellationToken cancellationToken)
    {
        var all = new List<JournalEntry>();
        foreach (var url in _servers)
        {
            var entries = await ReadServerAsync(url, cancellationToken) ?? [];
            all.AddRange(entries.Where(e => e.Sequence > _marks.GetValueOrDefault(url)));
        }

        return all.DistinctBy(e => (e.Server, e.Sequence, e.Url)).OrderBy(e => e.Time).ThenBy(e => e.Sequence).ToList();
    }

    public void Dispose() => _http.Dispose();

    private async Task<List<JournalEntry>?> ReadServerAsync(string baseUrl, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri($"{baseUrl.TrimEnd('/')}/__admin/requests"), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            var listing = await response.Content.ReadFromJsonAsync<Listing>(cancellationToken);
            return listing?.Requests?.ToList();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or NotSupportedException)
        {
            return null;
        }
    }

    private sealed record Listing([property: JsonPropertyName("requests")] IReadOnlyList<JournalEntry>? Requests);
}
