using System.Text;

namespace PbenchAuthSpec.Protocol;

/// <summary>
/// Strict <c>application/x-www-form-urlencoded</c> decoding (also used for query strings):
/// malformed percent escapes and bytes that are not UTF-8 are errors, not silently replaced.
/// </summary>
internal static class UrlEncodedParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static List<KeyValuePair<string, string>>? Parse(ReadOnlySpan<byte> raw, out string? error)
    {
        error = null;
        var pairs = new List<KeyValuePair<string, string>>();
        if (raw.Length > 0 && raw[0] == (byte)'?')
        {
            raw = raw[1..];
        }

        foreach (var range in raw.Split((byte)'&'))
        {
            var part = raw[range];
            if (part.IsEmpty)
            {
                continue;
            }

            var eq = part.IndexOf((byte)'=');
            var name = Decode(eq < 0 ? part : part[..eq]);
            var value = eq < 0 ? "" : Decode(part[(eq + 1)..]);
            if (name is null || value is null)
            {
                error = "malformed percent-encoding, or text that is not valid UTF-8";
                return null;
            }

            pairs.Add(new(name, value));
        }

        return pairs;
    }

    private static string? Decode(ReadOnlySpan<byte> encoded)
    {
        var bytes = new byte[encoded.Length];
        var n = 0;
        for (var i = 0; i < encoded.Length; i++)
        {
            var b = encoded[i];
            if (b == (byte)'+')
            {
                bytes[n++] = (byte)' ';
            }
            else if (b == (byte)'%')
            {
                if (i + 2 >= encoded.Length || Hex(encoded[i + 1]) is not { } hi || Hex(encoded[i + 2]) is not { } lo)
                {
                    return null;
                }

                bytes[n++] = (byte)((hi << 4) | lo);
                i += 2;
            }
            else
            {
                bytes[n++] = b;
            }
        }

        try
        {
            return StrictUtf8.GetString(bytes, 0, n);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static int? Hex(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => null,
    };
}
