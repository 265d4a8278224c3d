namespace PbenchAuthSpec.Protocol;

/// <summary>
/// How much the journal keeps. Each entry is capped as it is added (URL, each header value, all
/// header values together, and the body excerpts), and the journal as a whole keeps at most
/// <see cref="MaxEntries"/> entries and <see cref="MaxTotalBytes"/> accounted bytes, dropping the
/// oldest first. The defaults keep a whole run's traffic (tokens in headers and bodies included)
/// while hostile traffic with huge headers or queries cannot take more than the total.
/// </summary>
public sealed record JournalLimits
{
    /// <summary>Appended where a part was cut, so a reader never mistakes an excerpt for the whole.</summary>
    public const string CutMark = "…[cut by the journal]";

    public int MaxEntries { get; init; } = 4_000;

    public long MaxTotalBytes { get; init; } = 16L * 1024 * 1024;

    public int MaxUrlChars { get; init; } = 4_096;

    /// <summary>Per header value: a bearer token or a cookie header of a real run fits many times over.</summary>
    public int MaxHeaderValueChars { get; init; } = 8_192;

    /// <summary>All header names and values of one direction (request or response) together.</summary>
    public int MaxHeadersChars { get; init; } = 16_384;

    /// <summary>Each body excerpt (the recorders read 4 KiB of each body to begin with).</summary>
    public int MaxBodyChars { get; init; } = 4_096;

    /// <summary>
    /// What an entry accounts for: two bytes per character of its text (.NET strings are UTF-16)
    /// plus a fixed overhead per entry and per header for the objects that hold them. An estimate
    /// of the managed memory it keeps alive, the same on every machine.
    /// </summary>
    public static long AccountedBytes(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        const long PerEntry = 256;
        const long PerHeader = 64;
        long chars = entry.Method.Length + entry.Server.Length + entry.Url.Length
            + (entry.RequestBody?.Length ?? 0) + (entry.ResponseBody?.Length ?? 0) + (entry.FaultMapping?.Length ?? 0);
        var overhead = PerEntry;
        foreach (var headers in new[] { entry.RequestHeaders, entry.ResponseHeaders })
        {
            foreach (var (name, value) in headers)
            {
                chars += name.Length + value.Length;
                overhead += PerHeader;
            }
        }

        return (2 * chars) + overhead;
    }

    /// <summary>The entry with every part within its cap (the same instance when nothing was over).</summary>
    public JournalEntry Cap(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var url = Cut(entry.Url, MaxUrlChars);
        var requestHeaders = Cut(entry.RequestHeaders);
        var requestBody = Cut(entry.RequestBody, MaxBodyChars);
        var responseHeaders = Cut(entry.ResponseHeaders);
        var responseBody = Cut(entry.ResponseBody, MaxBodyChars);
        var same = ReferenceEquals(url, entry.Url) && ReferenceEquals(requestHeaders, entry.RequestHeaders) && ReferenceEquals(requestBody, entry.RequestBody)
            && ReferenceEquals(responseHeaders, entry.ResponseHeaders) && ReferenceEquals(responseBody, entry.ResponseBody);
        return same ? entry : entry with
        {
            Url = url!,
            RequestHeaders = requestHeaders,
            RequestBody = requestBody,
            ResponseHeaders = responseHeaders,
            ResponseBody = responseBody,
            Truncated = true,
        };
    }

    private static string? Cut(string? text, int max) => text is null || text.Length <= max ? text : string.Concat(text.AsSpan(0, max), CutMark);

    private IReadOnlyDictionary<string, string> Cut(IReadOnlyDictionary<string, string> headers)
    {
        var total = 0;
        var over = false;
        foreach (var (name, value) in headers)
        {
            total += name.Length + value.Length;
            over |= value.Length > MaxHeaderValueChars || name.Length > MaxHeaderValueChars;
        }

        if (!over && total <= MaxHeadersChars)
        {
            return headers;
        }

        // Headers in the order they came; once the budget is spent, the rest keep their names only.
        var kept = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var left = MaxHeadersChars;
        foreach (var (name, value) in headers)
        {
            var shortName = Cut(name, Math.Min(256, MaxHeaderValueChars))!;
            var room = Math.Max(0, Math.Min(MaxHeaderValueChars, left - shortName.Length));
            var shortValue = room == 0 && value.Length > 0 ? CutMark : Cut(value, room)!;
            kept.TryAdd(shortName, shortValue);
            left -= shortName.Length + Math.Min(value.Length, room);
        }

        return kept;
    }
}
