using System.Text.Json.Serialization;

namespace PbenchAuthSpec.SpecTests.Trace;

/// <summary>
/// One HTTP request and its response as the walk saw it: from the browser (Playwright network
/// events), from the harness's own calls, or from a stand-in's journal (back-channel calls).
/// </summary>
public sealed record Exchange
{
    [JsonPropertyName("id")]
    public required int Id { get; init; }

    /// <summary><c>browser</c>, <c>harness</c> or <c>journal</c>.</summary>
    [JsonPropertyName("source")]
    public string Source { get; init; } = "browser";

    [JsonPropertyName("time")]
    public DateTimeOffset Time { get; init; }

    [JsonPropertyName("method")]
    public string Method { get; init; } = "GET";

    [JsonPropertyName("url")]
    public required string Url { get; init; }

    [JsonPropertyName("requestHeaders")]
    public IReadOnlyDictionary<string, string> RequestHeaders { get; init; } = Empty;

    [JsonPropertyName("requestBody")]
    public string? RequestBody { get; init; }

    /// <summary>Null when no response came (network error, blocked, aborted).</summary>
    [JsonPropertyName("status")]
    public int? Status { get; init; }

    [JsonPropertyName("responseHeaders")]
    public IReadOnlyDictionary<string, string> ResponseHeaders { get; init; } = Empty;

    [JsonPropertyName("responseBody")]
    public string? ResponseBody { get; init; }

    /// <summary>Playwright's resource type (<c>document</c>, <c>fetch</c>, <c>xhr</c>, <c>script</c>...).</summary>
    [JsonPropertyName("resourceType")]
    public string? ResourceType { get; init; }

    [JsonPropertyName("redirectedFrom")]
    public int? RedirectedFrom { get; init; }

    [JsonPropertyName("failure")]
    public string? Failure { get; init; }

    /// <summary>For journal entries: which stand-in served it; back-channel when a stand-in made the call.</summary>
    [JsonPropertyName("server")]
    public string? Server { get; init; }

    [JsonPropertyName("backChannel")]
    public bool BackChannel { get; init; }

    private static IReadOnlyDictionary<string, string> Empty { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    [JsonIgnore]
    public Uri Uri => new(Url);

    [JsonIgnore]
    public string Origin => Urls.Origin(Url);

    [JsonIgnore]
    public string PathAndQuery => Uri.PathAndQuery;

    /// <summary>The URL without query and fragment.</summary>
    [JsonIgnore]
    public string Endpoint => Urls.WithoutQuery(Url);

    [JsonIgnore]
    public IReadOnlyDictionary<string, string> Query => Urls.QueryOf(Url);

    [JsonIgnore]
    public IReadOnlyDictionary<string, string> Form => Urls.ParseForm(RequestBody);

    /// <summary>Query parameters for GET, form parameters for a form POST.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, string> Parameters => Method == "GET" ? Query : Form;

    [JsonIgnore]
    public bool IsRedirect => Status is >= 300 and < 400;

    [JsonIgnore]
    public string? Location => Header(ResponseHeaders, "Location") is { } location ? Urls.Absolute(Url, location) : null;

    public string? RequestHeader(string name) => Header(RequestHeaders, name);

    public string? ResponseHeader(string name) => Header(ResponseHeaders, name);

    public string Describe() => $"#{Id} {Method} {Url} → {(Status is { } s ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) : Failure ?? "no response")}";

    private static string? Header(IReadOnlyDictionary<string, string> headers, string name)
    {
        if (headers.TryGetValue(name, out var value))
        {
            return value;
        }

        foreach (var (key, v) in headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return v;
            }
        }

        return null;
    }
}
