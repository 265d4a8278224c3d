using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace PbenchAuthSpec.MockBroker.Tokens;

/// <summary>Splits and decodes a compact JWS defensively: any malformation is a null, never an exception.</summary>
internal static class JwtReader
{
    public const int MaxTokenLength = 16 * 1024;

    public static ParsedJwt? Parse(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return null;
        }

        // RFC 7515 §7.1: exactly three base64url parts.
        var first = token.IndexOf('.', StringComparison.Ordinal);
        var second = first < 0 ? -1 : token.IndexOf('.', first + 1);
        if (first <= 0 || second <= first + 1 || second == token.Length - 1 || token.IndexOf('.', second + 1) >= 0)
        {
            return null;
        }

        var header = Decode(token.AsSpan(0, first));
        var payload = Decode(token.AsSpan(first + 1, second - first - 1));
        var signature = Decode(token.AsSpan(second + 1));
        if (header is null || payload is null || signature is null)
        {
            return null;
        }

        try
        {
            using var headerDoc = JsonDocument.Parse(header);
            using var payloadDoc = JsonDocument.Parse(payload);
            if (headerDoc.RootElement.ValueKind != JsonValueKind.Object || payloadDoc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var alg = headerDoc.RootElement.TryGetProperty("alg", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString()! : "";
            var kid = headerDoc.RootElement.TryGetProperty("kid", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
            return new ParsedJwt(alg, kid, payloadDoc.RootElement.Clone(), Encoding.ASCII.GetBytes(token[..second]), signature);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static byte[]? Decode(ReadOnlySpan<char> part)
    {
        foreach (var c in part)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return null;
            }
        }

        try
        {
            return Base64Url.DecodeFromChars(part);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
