using System.Text;

namespace PbenchAuthSpec.Protocol;

/// <summary>
/// A <c>Location</c> header carries a URI reference (RFC 9110 §10.2.2), which is ASCII (RFC 3986
/// §2): a redirect URI with non-ASCII characters (an IRI, RFC 3987 §3.1) goes out with them
/// percent-encoded as UTF-8, which is how a browser sends that same URI anyway. Null when the
/// text cannot be a URI at all (a control character, a broken surrogate pair): the caller
/// refuses it rather than let the server fail on an invalid header.
/// </summary>
public static class LocationHeader
{
    public static string? Encode(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var span = uri.AsSpan();
        if (!span.ContainsAnyExceptInRange('!', '~'))
        {
            return uri;
        }

        var encoded = new StringBuilder(uri.Length + 16);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (c is > ' ' and < (char)0x7F)
            {
                encoded.Append(c);
                continue;
            }

            if (char.IsControl(c) || char.IsLowSurrogate(c) || (char.IsHighSurrogate(c) && (i + 1 >= span.Length || !char.IsLowSurrogate(span[i + 1]))))
            {
                return null;
            }

            var length = char.IsHighSurrogate(c) ? 2 : 1;
            var bytes = Encoding.UTF8.GetBytes(span.Slice(i, length), utf8);
            foreach (var b in utf8[..bytes])
            {
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }

            i += length - 1;
        }

        return encoded.ToString();
    }
}
