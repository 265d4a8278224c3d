using System.Net;

namespace PbenchAuthSpec.SpecTests.Trace;

/// <summary>URL helpers: origins, queries, fragments and form bodies, decoded leniently (the spec observes, it does not refuse).</summary>
public static class Urls
{
    public static string Origin(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : "";

    public static string WithoutQuery(string url)
    {
        var cut = url.IndexOfAny(['?', '#']);
        return cut < 0 ? url : url[..cut];
    }

    public static string Absolute(string baseUrl, string location) =>
        Uri.TryCreate(new Uri(baseUrl), location, out var uri) ? uri.ToString() : location;

    public static string WithoutFragment(string url)
    {
        var cut = url.IndexOf('#', StringComparison.Ordinal);
        return cut < 0 ? url : url[..cut];
    }

    public static IReadOnlyDictionary<string, string> QueryOf(string url)
    {
        var start = url.IndexOf('?', StringComparison.Ordinal);
        if (start < 0)
        {
            return ParseForm(null);
        }

        var end = url.IndexOf('#', start);
        return ParseForm(end < 0 ? url[(start + 1)..] : url[(start + 1)..end]);
    }

    public static IReadOnlyDictionary<string, string> FragmentOf(string url)
    {
        var start = url.IndexOf('#', StringComparison.Ordinal);
        return ParseForm(start < 0 ? null : url[(start + 1)..]);
    }

    // OAuth 2.0 Multiple Response Types §2.1: the authorization response's parameters are in the
    // fragment when the request asked response_mode=fragment, else in the query (RFC 6749 §4.1.2).
    public static IReadOnlyDictionary<string, string> AuthorizationResponseOf(IReadOnlyDictionary<string, string> request, string location) =>
        request.GetValueOrDefault("response_mode") == "fragment" ? FragmentOf(location) : QueryOf(location);

    /// <summary><c>a=1&amp;b=2</c>; the first of duplicated names wins.</summary>
    public static IReadOnlyDictionary<string, string> ParseForm(string? encoded)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(encoded))
        {
            return result;
        }

        foreach (var pair in encoded.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(eq < 0 ? pair : pair[..eq]);
            result.TryAdd(name, eq < 0 ? "" : Decode(pair[(eq + 1)..]));
        }

        return result;
    }

    /// <summary>The raw (still encoded) value of a parameter, to compare <c>state</c> byte for byte.</summary>
    public static string? RawParameter(string? encoded, string name)
    {
        foreach (var pair in (encoded ?? "").Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && Decode(pair[..eq]) == name)
            {
                return pair[(eq + 1)..];
            }
        }

        return null;
    }

    public static string? QueryString(string url)
    {
        var start = url.IndexOf('?', StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var end = url.IndexOf('#', start);
        return end < 0 ? url[(start + 1)..] : url[(start + 1)..end];
    }

    public static string? FragmentString(string url)
    {
        var start = url.IndexOf('#', StringComparison.Ordinal);
        return start < 0 ? null : url[(start + 1)..];
    }

    public static bool SameOrigin(string a, string b) =>
        Origin(a) is { Length: > 0 } origin && string.Equals(origin, Origin(b), StringComparison.OrdinalIgnoreCase);

    /// <summary>The same resource whatever the spelling (Chromium normalises what a page fetches: escapes, an empty path).</summary>
    public static bool SameUrl(string a, string b) =>
        string.Equals(a, b, StringComparison.Ordinal)
        || (Uri.TryCreate(a, UriKind.Absolute, out var x) && Uri.TryCreate(b, UriKind.Absolute, out var y) && Uri.Compare(x, y, UriComponents.HttpRequestUrl, UriFormat.UriEscaped, StringComparison.Ordinal) == 0);

    private static string Decode(string text) => WebUtility.UrlDecode(text);
}
