using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Catalogue;

/// <summary>Whether a request the dashboard made is the endpoint a catalogue row names.</summary>
public static class CatalogueMatch
{
    /// <summary>
    /// Same method; the row's path segments equal the request's, a <c>{variable}</c> standing for any
    /// one segment; each of the row's query parameters is in the request with the same value (the
    /// request may carry more, e.g. the Pbench dashboard's repeated <c>metadata</c>).
    /// </summary>
    public static bool Matches(CatalogueCall call, string method, string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        if (!string.Equals(call.Method, method, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rowPath = Urls.WithoutQuery(call.Path).TrimEnd('/').Split('/');
        var path = Urls.WithoutQuery(pathAndQuery).TrimEnd('/').Split('/');
        if (rowPath.Length != path.Length || rowPath.Where((segment, i) => !IsVariable(segment) && segment != Uri.UnescapeDataString(path[i])).Any())
        {
            return false;
        }

        var query = Urls.QueryOf(pathAndQuery);
        return Urls.QueryOf(call.Path).All(p => IsVariable(p.Value) ? query.ContainsKey(p.Key) : query.GetValueOrDefault(p.Key) == p.Value);
    }

    private static bool IsVariable(string text) => text.StartsWith('{') && text.EndsWith('}');
}
