using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.ReferenceServer.Api;

/// <summary>Strict reading of query strings and JSON bodies: anything unexpected is a 4xx <c>{"message"}</c>.</summary>
internal static class ApiRequest
{
    public const int MaxJsonBytes = 64 * 1024;

    /// <summary>
    /// A bearer token in the query is never a credential here (RFC 6750 §2.3 is not supported), but
    /// it is not an unknown key either: the request is then simply unauthenticated.
    /// </summary>
    public const string QueryTokenName = "access_token";

    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 32 };

    public static (ProtocolParameters? Query, IResult? Error) Query(HttpRequest request, params string[] allowed) =>
        Query(request.QueryString.Value, UnknownQueryKeys.Refused, allowed);

    /// <summary>The query string (with or without its <c>?</c>) read strictly, unknown keys handled as <paramref name="unknownKeys"/> says.</summary>
    public static (ProtocolParameters? Query, IResult? Error) Query(string? query, UnknownQueryKeys unknownKeys, params string[] allowed)
    {
        var parse = ProtocolParameters.FromRaw(Encoding.UTF8.GetBytes((query ?? "").TrimStart('?')));
        if (parse.Error is { } error)
        {
            return (null, BadRequest($"Invalid query: {error}"));
        }

        var unknown = parse.Parameters!.Values.Keys
            .Where(k => unknownKeys switch
            {
                UnknownQueryKeys.Ignored => false,
                UnknownQueryKeys.RefusedTokenToo => true,
                _ => k != QueryTokenName,
            } && !allowed.Contains(k, StringComparer.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(k => k.Length <= 40 ? k : k[..40] + "…")
            .ToList();
        return unknown.Count > 0 ? (null, BadRequest($"Unknown URL query keys: {string.Join(",", unknown)}")) : (parse.Parameters, null);
    }

    /// <summary>Pbench's boolean query values: <c>true</c> or <c>false</c>, any case; absent is false.</summary>
    public static bool TryParseBool(string? value, out bool result)
    {
        result = string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
        return value is null || result || string.Equals(value, "false", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The JSON object body, or null when there is no body.</summary>
    public static async Task<(JsonObject? Body, IResult? Error)> JsonObjectAsync(HttpRequest request)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.ContainsKey("Transfer-Encoding")))
        {
            return (null, null);
        }

        if (!(request.ContentType ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, new MessageResult(StatusCodes.Status415UnsupportedMediaType, "Invalid request payload content type: send application/json"));
        }

        if (request.ContentLength > MaxJsonBytes)
        {
            return (null, new MessageResult(StatusCodes.Status413PayloadTooLarge, $"Request payload is larger than {MaxJsonBytes} bytes"));
        }

        try
        {
            var bytes = await ReadBoundedAsync(request);
            if (bytes is null)
            {
                return (null, new MessageResult(StatusCodes.Status413PayloadTooLarge, $"Request payload is larger than {MaxJsonBytes} bytes"));
            }

            // RFC 8259 §8.1: JSON text exchanged between systems MUST be UTF-8.
            if (!Utf8.IsValid(bytes))
            {
                return (null, BadRequest("Invalid request payload: the body is not UTF-8"));
            }

            return JsonNode.Parse(bytes, documentOptions: JsonOptions) is JsonObject body
                ? (body, null)
                : (null, BadRequest("Invalid request payload: expected a JSON object"));
        }
        catch (JsonException e)
        {
            return (null, BadRequest($"Invalid request payload: {Trim(e.Message)}"));
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException or ArgumentException or InvalidOperationException)
        {
            return (null, BadRequest($"Invalid request payload: {Trim(e.Message)}"));
        }
    }

    public static MessageResult BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);

    public static MessageResult NotFound(string message) => new(StatusCodes.Status404NotFound, message);

    public static string Trim(string text) => text.Length <= 80 ? text : text[..80] + "…";

    private static async Task<byte[]?> ReadBoundedAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxJsonBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
