using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace PbenchAuthSpec.Protocol;

/// <summary>
/// Query or form parameters read the way RFC 6749 wants them read: each at most once,
/// empty means absent, valid UTF-8, bounded length. A failure is an <c>invalid_request</c>
/// description, never an exception.
/// </summary>
public sealed class ProtocolParameters
{
    public const int MaxValueLength = 4096;
    public const int MaxFormBytes = 64 * 1024;

    private readonly Dictionary<string, string> _values;

    private ProtocolParameters(Dictionary<string, string> values) => _values = values;

    public IReadOnlyDictionary<string, string> Values => _values;

    public string? this[string name] => _values.TryGetValue(name, out var v) ? v : null;

    public bool Has(string name) => _values.ContainsKey(name);

    public static ParameterParse FromQuery(HttpRequest request) =>
        FromRaw(Encoding.UTF8.GetBytes(request.QueryString.Value ?? ""));

    public static async Task<ParameterParse> FromFormAsync(HttpRequest request)
    {
        // RFC 6749 §4.1.3 / §3.2: token requests are application/x-www-form-urlencoded.
        if (!(request.ContentType ?? "").StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return ParameterParse.Fail($"Content-Type must be application/x-www-form-urlencoded, not '{Trim(request.ContentType ?? "(none)")}'");
        }

        if (request.ContentLength > MaxFormBytes)
        {
            return ParameterParse.Fail($"request body over {MaxFormBytes} bytes");
        }

        // Pooled: every token request reads a form (bench/: token load).
        var chunk = ArrayPool<byte>.Shared.Rent(8192);
        try
        {
            using var buffer = new MemoryStream();
            int read;
            while ((read = await request.Body.ReadAsync(chunk.AsMemory(0, 8192), request.HttpContext.RequestAborted)) > 0)
            {
                if (buffer.Length + read > MaxFormBytes)
                {
                    return ParameterParse.Fail($"request body over {MaxFormBytes} bytes");
                }

                buffer.Write(chunk, 0, read);
            }

            return FromRaw(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException)
        {
            return ParameterParse.Fail($"unreadable form body: {Trim(e.Message)}");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    /// <summary>Reads urlencoded bytes; for callers that already hold the body.</summary>
    public static ParameterParse FromRaw(ReadOnlySpan<byte> raw)
    {
        var pairs = UrlEncodedParser.Parse(raw, out var error);
        if (pairs is null)
        {
            return ParameterParse.Fail(error!);
        }

        if (pairs.Count > 64)
        {
            return ParameterParse.Fail("more than 64 parameters");
        }

        return Parse(pairs.GroupBy(p => p.Key, StringComparer.Ordinal)
            .Select(g => new KeyValuePair<string, StringValues>(g.Key, g.Select(p => p.Value).ToArray())));
    }

    private static ParameterParse Parse(IEnumerable<KeyValuePair<string, StringValues>> source)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, raw) in source)
        {
            if (name.Length > 256 || name.Contains('\uFFFD', StringComparison.Ordinal))
            {
                return ParameterParse.Fail("malformed parameter name");
            }

            // RFC 6749 §3.1: parameters without a value are treated as omitted.
            var present = raw.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToArray();
            if (present.Length == 0)
            {
                continue;
            }

            // RFC 6749 §3.1: request and response parameters MUST NOT be included more than once.
            if (raw.Count > 1)
            {
                return ParameterParse.Fail($"parameter '{Trim(name)}' is included more than once");
            }

            var value = present[0];
            if (value.Length > MaxValueLength)
            {
                return ParameterParse.Fail($"parameter '{Trim(name)}' is longer than {MaxValueLength} characters");
            }

            if (value.Contains('\uFFFD', StringComparison.Ordinal) || value.Contains('\0', StringComparison.Ordinal))
            {
                return ParameterParse.Fail($"parameter '{Trim(name)}' is not valid UTF-8 text");
            }

            values[name] = value;
        }

        return new ParameterParse(new ProtocolParameters(values), null);
    }

    internal static string Trim(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
