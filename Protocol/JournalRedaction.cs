using System.Net;
using System.Text;

namespace PbenchAuthSpec.Protocol;

/// <summary>
/// Journals end up in reports, which are shared: secrets are replaced as an entry is added. Kept on
/// purpose: Bearer tokens (the spec's trace finds steps 17–20 by them and reports show them decoded),
/// Cookie and Set-Cookie (stand-in session ids, no more secret than those tokens; step 4 checks the
/// broker sets one, and state.json exists to hand cookies over) and the client id of Basic credentials.
/// </summary>
public static class JournalRedaction
{
    public const string Mark = "REDACTED";

    private const string BasicScheme = "Basic ";
    private const string RedactedBasic = BasicScheme + "<redacted";
    private const int MaxShownClientId = 200;

    /// <summary>The entry with its secrets replaced; the same instance when it carries none.</summary>
    public static JournalEntry Apply(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var headers = Headers(entry.RequestHeaders);
        var body = entry.RequestBody is { } text && IsForm(entry.RequestHeaders) ? Form(text) : entry.RequestBody;
        return ReferenceEquals(headers, entry.RequestHeaders) && ReferenceEquals(body, entry.RequestBody)
            ? entry
            : entry with { RequestHeaders = headers, RequestBody = body };
    }

    /// <summary>Request headers with Basic credentials replaced (a new dictionary only when there were some).</summary>
    public static IReadOnlyDictionary<string, string> Headers(IReadOnlyDictionary<string, string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        // Every journalled request passes here (the token endpoint under load with Basic on each): decode once.
        foreach (var (name, value) in headers)
        {
            if (IsAuthorization(name) && Authorization(value) is var redacted && !ReferenceEquals(redacted, value))
            {
                return new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase) { [name] = redacted };
            }
        }

        return headers;
    }

    /// <summary>
    /// An Authorization value as a report may show it: <c>Basic &lt;redacted: client_id=X&gt;</c> for
    /// Basic credentials (<c>Basic &lt;redacted&gt;</c> when they do not decode), anything else as it is.
    /// </summary>
    // RFC 6749 §2.3.1: Basic credentials are the form-urlencoded client_id and client_secret joined by ':' in base64; the id is no secret.
    public static string Authorization(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.StartsWith(BasicScheme, StringComparison.OrdinalIgnoreCase) || value.StartsWith(RedactedBasic, StringComparison.OrdinalIgnoreCase))
        {
            return value;
        }

        return ClientId(value[BasicScheme.Length..].Trim()) is { } clientId
            ? $"{RedactedBasic}: client_id={clientId}>"
            : RedactedBasic + ">";
    }

    /// <summary>A form body with the values of <c>password</c> and <c>client_secret</c> replaced.</summary>
    public static string Form(string form)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!form.Contains("password=", StringComparison.Ordinal) && !form.Contains("client_secret=", StringComparison.Ordinal))
        {
            return form;
        }

        return string.Join('&', form.Split('&').Select(pair =>
            pair.StartsWith("password=", StringComparison.Ordinal) || pair.StartsWith("client_secret=", StringComparison.Ordinal)
                ? pair[..(pair.IndexOf('=', StringComparison.Ordinal) + 1)] + Mark
                : pair));
    }

    private static string? ClientId(string credentials)
    {
        var bytes = new byte[credentials.Length];
        if (!Convert.TryFromBase64String(credentials, bytes, out var length))
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        var id = colon > 0 ? WebUtility.UrlDecode(decoded[..colon]) : null;
        return id is { Length: > 0 and <= MaxShownClientId } && !id.Any(char.IsControl) && !id.Contains('>', StringComparison.Ordinal) ? id : null;
    }

    private static bool IsAuthorization(string name) => string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase);

    private static bool IsForm(IReadOnlyDictionary<string, string> headers) =>
        headers.Any(h => string.Equals(h.Key, "Content-Type", StringComparison.OrdinalIgnoreCase)
            && h.Value.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase));
}
