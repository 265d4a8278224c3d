using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>
/// The journal of standalone stand-ins (<c>./pbench-auth-spec serve</c>, or each server as its own
/// process) over their WireMock-style <c>GET /__admin/requests</c>. Every server of a stack serves
/// the shared journal; servers of separate stacks are merged. A server without the admin API (a
/// real Keycloak) is skipped.
/// </summary>
public sealed class HttpJournal : IJournalSource, IDisposable
{
    private readonly HttpClient _http;
    private readonly TimeProvider _clock;
    private readonly List<string> _candidates;
    private readonly Dictionary<string, long> _marks = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _servers = [];
    private DateTimeOffset _markedAt;

    public HttpJournal(IReadOnlyList<string> baseUrls, TimeSpan timeout, TimeProvider? clock = null)
    {
        _candidates = baseUrls.Select(Normalize).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        _http = new HttpClient { Timeout = timeout };
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>The servers whose journal this run reads.</summary>
    public IReadOnlyList<string> Servers => _servers;

    public string? Unavailable => _servers.Count == 0 ? "no server answers GET /__admin/requests (foreign broker and IdP): the back channel is not observable" : null;

    public async Task MarkAsync(CancellationToken cancellationToken)
    {
        _servers.Clear();
        _markedAt = _clock.GetUtcNow();
        foreach (var url in _candidates)
        {
            if (await ReadServerAsync(url, cancellationToken) is { } entries)
            {
                _servers.Add(url);
                _marks[url] = entries.Count == 0 ? 0 : entries.Max(e => e.Sequence);
            }
        }
    }

    public async Task<bool> IncludeAsync(string baseUrl, CancellationToken cancellationToken)
    {
        var url = Normalize(baseUrl);
        if (_candidates.Contains(url, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        _candidates.Add(url);
        if (await ReadServerAsync(url, cancellationToken) is null)
        {
            return false;
        }

        _servers.Add(url);
        return true;
    }

    public async Task<IReadOnlyList<JournalEntry>> ReadAsync(CancellationToken cancellationToken)
    {
        var all = new List<JournalEntry>();
        foreach (var url in _servers)
        {
            var entries = await ReadServerAsync(url, cancellationToken) ?? [];
            // A server found during the run was not marked: what it journalled since the mark's time.
            all.AddRange(_marks.TryGetValue(url, out var mark) ? entries.Where(e => e.Sequence > mark) : entries.Where(e => e.Time >= _markedAt));
        }

        return all.DistinctBy(e => (e.Server, e.Sequence, e.Url)).OrderBy(e => e.Time).ThenBy(e => e.Sequence).ToList();
    }

    public void Dispose() => _http.Dispose();

    private static string Normalize(string url) => url.TrimEnd('/');

    private async Task<List<JournalEntry>?> ReadServerAsync(string baseUrl, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri($"{baseUrl}/__admin/requests"), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            var listing = await response.Content.ReadFromJsonAsync<Listing>(cancellationToken);
            return listing?.Requests?.ToList();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or NotSupportedException or UriFormatException)
        {
            return null;
        }
    }

    private sealed record Listing([property: JsonPropertyName("requests")] IReadOnlyList<JournalEntry>? Requests);
}
