using System.Buffers;

namespace PbenchAuthSpec.ReferenceServer.Auth;

/// <summary>Reads the bearer token from the <c>Authorization</c> header, and only from there.</summary>
internal static class BearerHeader
{
    /// <summary>Far above any real access token; bounds the work a hostile header can cause.</summary>
    public const int MaxTokenLength = 16 * 1024;

    // RFC 6750 §2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
    private static readonly SearchValues<char> B64TokenChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/");

    /// <summary>The token, or the caller the header makes (anonymous, refused, malformed request).</summary>
    public static (string? Token, Caller? Caller) Read(HttpRequest request)
    {
        var values = request.Headers.Authorization;
        if (values.Count == 0)
        {
            return (null, Caller.Anonymous());
        }

        // RFC 9110 §11.6.2: Authorization carries one credential; two are a malformed request.
        if (values.Count > 1)
        {
            return (null, Caller.BadRequest("more than one Authorization header"));
        }

        return Parse(values[0] ?? "");
    }

    // RFC 6750 §2.1: credentials = "Bearer" 1*SP b64token; the scheme is case-insensitive (RFC 9110 §11.1).
    private static (string? Token, Caller? Caller) Parse(string value)
    {
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        var scheme = space < 0 ? value : value[..space];
        if (!scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            // RFC 6750 §3.1: an unsupported method is "no authentication information": no error code.
            return (null, Caller.Anonymous($"the Authorization scheme '{Describe(scheme)}' is not supported; send 'Bearer <token>'"));
        }

        var token = space < 0 ? "" : value[(space + 1)..].Trim(' ');
        if (token.Length == 0)
        {
            return (null, Caller.Invalid("the Bearer credentials are empty"));
        }

        if (token.Length > MaxTokenLength)
        {
            return (null, Caller.Invalid($"the bearer token is longer than {MaxTokenLength} characters"));
        }

        return IsB64Token(token)
            ? (token, null)
            : (null, Caller.Invalid("the bearer token is not a b64token (RFC 6750 section 2.1)"));
    }

    private static bool IsB64Token(string token)
    {
        var body = token.AsSpan().TrimEnd('=');
        return body.Length > 0 && !body.ContainsAnyExcept(B64TokenChars);
    }

    private static string Describe(string scheme) =>
        scheme.Length > 20 || scheme.AsSpan().ContainsAnyExcept(B64TokenChars) ? "(unprintable)" : scheme;
}
