using System.Text;

namespace PbenchAuthSpec.Protocol;

/// <summary>
/// RFC 6749 §2.3.1 client credentials in an <c>Authorization: Basic</c> header (RFC 7617 §2),
/// read and written once for MockIdp, MockBroker and the journal's redaction, with one strictness.
/// </summary>
/// <remarks>
/// RFC 6749 §2.3.1 says the client id and secret are each encoded with
/// application/x-www-form-urlencoded (Appendix B) before they are joined by ':' and base64-encoded,
/// and decoded as UTF-8. So this refuses, rather than guesses at: a header over
/// <see cref="MaxHeaderLength"/> characters (a cap, not a rule: nothing legitimate is that long),
/// another scheme, credentials that are not base64, bytes that are not UTF-8, text without a ':',
/// a part that is not form-urlencoded (a broken <c>%XX</c> escape, or a raw non-ASCII character that
/// form-urlencoding would have escaped), and an empty client id. A server answers each with
/// 401 invalid_client (RFC 6749 §5.2), in its own words.
/// </remarks>
public sealed record BasicCredentials(string ClientId, string ClientSecret)
{
    public const string Scheme = "Basic";
    public const int MaxHeaderLength = 4096;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>RFC 9110 §11.1: whether the Authorization value's scheme is Basic (case-insensitive).</summary>
    public static bool IsBasic(string authorization)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        var space = authorization.IndexOf(' ', StringComparison.Ordinal);
        return (space < 0 ? authorization : authorization[..space]).Equals(Scheme, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The credentials of an Authorization value, or null with what is wrong with them in one sentence.</summary>
    public static BasicCredentials? Parse(string authorization, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        problem = null;
        if (authorization.Length > MaxHeaderLength)
        {
            problem = $"the Authorization header is longer than {MaxHeaderLength} characters.";
            return null;
        }

        var space = authorization.IndexOf(' ', StringComparison.Ordinal);
        var scheme = space < 0 ? authorization : authorization[..space];
        if (!scheme.Equals(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            problem = $"Authorization scheme '{ProtocolText.Trim(scheme)}' is not client authentication; use Basic or client_secret_post.";
            return null;
        }

        var encoded = space < 0 ? "" : authorization[(space + 1)..].Trim();
        var bytes = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, bytes, out var length))
        {
            problem = "the Basic credentials are not base64.";
            return null;
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes, 0, length);
        }
        catch (DecoderFallbackException)
        {
            problem = "the Basic credentials are not UTF-8 text.";
            return null;
        }

        return Split(text, out problem);
    }

    /// <summary>RFC 6749 §2.3.1: the Basic parameter (what follows "Basic ") for a client id and secret.</summary>
    public static string Encode(string clientId, string clientSecret) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(clientSecret)}"));

    private static BasicCredentials? Split(string text, out string? problem)
    {
        problem = null;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            problem = "the Basic credentials have no ':' between client_id and client_secret.";
            return null;
        }

        if (!FormUrl.TryDecode(text[..colon], out var clientId) || !FormUrl.TryDecode(text[(colon + 1)..], out var secret))
        {
            problem = "the Basic credentials are not form-urlencoded (RFC 6749 §2.3.1).";
            return null;
        }

        if (clientId.Length == 0)
        {
            problem = "the Basic credentials have an empty client_id.";
            return null;
        }

        return new BasicCredentials(clientId, secret);
    }
}
