using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Tokens;
using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Reports;

/// <summary>Turns the run's exchanges into report hops: participants by origin, step numbers, excerpts, decoded tokens.</summary>
public sealed partial class TraceHopBuilder(string targetUrl, string realmUrl, string? idpOrigin)
{
    private const int BodyExcerpt = 3000;

    public IReadOnlyList<TraceHop> Build(IReadOnlyList<Exchange> exchanges, Func<Exchange, (int? Request, int? Response)> stepsOf)
    {
        ArgumentNullException.ThrowIfNull(exchanges);
        ArgumentNullException.ThrowIfNull(stepsOf);
        return exchanges.OrderBy(e => e.Time).ThenBy(e => e.Id).Select(Redaction.Apply).Select(e =>
        {
            var (request, response) = stepsOf(e);
            return new TraceHop
            {
                Id = e.Id,
                Source = e.Source,
                RequestStep = request,
                ResponseStep = response,
                From = Caller(e),
                To = Participant(e.Url),
                Method = e.Method,
                Url = e.Url,
                Status = e.Status,
                Time = e.Time,
                Request = RequestText(e),
                Response = ResponseText(e),
                Tokens = Tokens(e),
            };
        }).ToList();
    }

    public string Participant(string url) =>
        Urls.SameOrigin(url, targetUrl) ? Steps.ParticipantServer
        : Urls.SameOrigin(url, realmUrl) ? Steps.ParticipantBroker
        : idpOrigin is not null && Urls.SameOrigin(url, idpOrigin) ? Steps.ParticipantIdp
        : "Other";

    private string Caller(Exchange e) => e.Source switch
    {
        "harness" => "Harness",
        // Back-channel calls: the broker calls the IdP; the target calls the broker (keys).
        "journal" => e.Server == "idp" || Participant(e.Url) == Steps.ParticipantIdp ? Steps.ParticipantBroker : Steps.ParticipantServer,
        _ => Steps.ParticipantBrowser,
    };

    private static string RequestText(Exchange e) =>
        $"{e.Method} {e.Url}\n{Headers(e.RequestHeaders)}{(e.RequestBody is { } b ? "\n" + Cut(b) : "")}";

    private static string ResponseText(Exchange e) =>
        e.Status is { } s ? $"HTTP {s}\n{Headers(e.ResponseHeaders)}{(e.ResponseBody is { } b ? "\n" + Cut(b) : "")}" : $"no response: {e.Failure ?? "none recorded"}";

    private static string Headers(IReadOnlyDictionary<string, string> headers)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in headers.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
        {
            text.Append(name).Append(": ").AppendLine(value.Length > 300 ? value[..300] + "…" : value);
        }

        return text.ToString();
    }

    private static string Cut(string body) => body.Length <= BodyExcerpt ? body : body[..BodyExcerpt] + $"… ({body.Length} characters)";

    /// <summary>Every JWT the exchange carries, decoded (header and claims), by where it was found.</summary>
    public static IReadOnlyDictionary<string, string> Tokens(Exchange e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        if (e.RequestHeader("Authorization") is { } auth && auth.Split(' ', 2) is [_, var credential])
        {
            Add(found, "Authorization", credential.Trim());
        }

        foreach (var (name, value) in e.Query.Concat(e.Form))
        {
            Add(found, name, value);
        }

        if (Json(e.ResponseBody) is JsonObject json)
        {
            foreach (var name in new[] { "access_token", "id_token", "refresh_token" })
            {
                Add(found, name, json[name] is JsonValue v && v.TryGetValue(out string? t) ? t : null);
            }
        }

        return found;
    }

    private static void Add(Dictionary<string, string> found, string name, string? value)
    {
        if (value is not null && JwtShape().IsMatch(value) && DecodedJwt.TryDecode(value, out _) is { } jwt)
        {
            found.TryAdd(name, jwt.Describe());
        }
    }

    private static JsonNode? Json(string? body)
    {
        try
        {
            return body is { Length: > 0 } && body.TrimStart().StartsWith('{') ? JsonNode.Parse(body) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$")]
    private static partial Regex JwtShape();
}
