using System.Buffers;
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

    // Every character of "client_secret" percent-encoded is 39 characters; longer names are not a secret's.
    private const int MaxEncodedName = 64;

    private static readonly string[] Secrets = ["password", "client_secret"];
    private static readonly SearchValues<string> SecretNames = SearchValues.Create(Secrets, StringComparison.OrdinalIgnoreCase);

    /// <summary>The entry with its secrets replaced; the same instance when it carries none.</summary>
    public static JournalEntry Apply(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var url = Url(entry.Url);
        var requestHeaders = Headers(entry.RequestHeaders);
        var responseHeaders = ResponseHeaders(entry.ResponseHeaders);
        // Any request body: a form sent under another Content-Type still carried the secret.
        var body = entry.RequestBody is { } text ? Body(text) : null;
        return ReferenceEquals(url, entry.Url) && ReferenceEquals(requestHeaders, entry.RequestHeaders)
            && ReferenceEquals(responseHeaders, entry.ResponseHeaders) && ReferenceEquals(body, entry.RequestBody)
            ? entry
            : entry with { Url = url, RequestHeaders = requestHeaders, ResponseHeaders = responseHeaders, RequestBody = body };
    }

    /// <summary>
    /// Request headers with Basic credentials replaced and secrets taken out of a <c>Referer</c>'s
    /// query (a new dictionary only when there were some).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Headers(IReadOnlyDictionary<string, string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        // Every journalled request passes here (the token endpoint under load with Basic on each): decode once.
        Dictionary<string, string>? changed = null;
        foreach (var (name, value) in headers)
        {
            var redacted = IsAuthorization(name) ? Authorization(value) : IsReferer(name) ? Url(value) : value;
            if (!ReferenceEquals(redacted, value))
            {
                changed ??= new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase);
                changed[name] = redacted;
            }
        }

        return changed ?? headers;
    }

    /// <summary>Response headers with secrets taken out of a <c>Location</c>'s query.</summary>
    public static IReadOnlyDictionary<string, string> ResponseHeaders(IReadOnlyDictionary<string, string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        foreach (var (name, value) in headers)
        {
            if (string.Equals(name, "Location", StringComparison.OrdinalIgnoreCase) && Url(value) is var redacted && !ReferenceEquals(redacted, value))
            {
                return new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase) { [name] = redacted };
            }
        }

        return headers;
    }

    /// <summary>A URL with the values of secret parameters in its query replaced (the same string when there are none).</summary>
    public static string Url(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var start = url.IndexOf('?', StringComparison.Ordinal);
        if (start < 0)
        {
            return url;
        }

        var end = url.IndexOf('#', start);
        end = end < 0 ? url.Length : end;
        var query = url[(start + 1)..end];
        var redacted = Form(query);
        return ReferenceEquals(redacted, query) ? url : string.Concat(url.AsSpan(0, start + 1), redacted, url.AsSpan(end));
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

        return ClientId(value) is { } clientId
            ? $"{RedactedBasic}: client_id={clientId}>"
            : RedactedBasic + ">";
    }

    /// <summary>A request body with its secrets replaced: a JSON body's (<see cref="JsonBodyRedaction"/>), else a form's.</summary>
    public static string Body(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return JsonBodyRedaction.LooksLikeJson(body) ? JsonBodyRedaction.Apply(body, Mark) : Form(body);
    }

    /// <summary>
    /// A form body (or query) with the values of <c>password</c> and <c>client_secret</c> replaced.
    /// Names are compared as the servers read them: percent-decoded, <c>+</c> as a space, so
    /// <c>pass%77ord=</c> is caught too; in any case, as a secret is a secret whatever its spelling.
    /// </summary>
    public static string Form(string form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var span = form.AsSpan();
        // Most bodies name no secret and encode no name: they are returned as they are.
        if (span.IndexOfAny(SecretNames) < 0 && span.IndexOfAny('%', '+') < 0)
        {
            return form;
        }

        var pairs = form.Split('&');
        var changed = false;
        for (var i = 0; i < pairs.Length; i++)
        {
            var eq = pairs[i].IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && IsSecretName(pairs[i].AsSpan(0, eq)) && pairs[i].AsSpan(eq + 1) is not Mark)
            {
                pairs[i] = string.Concat(pairs[i].AsSpan(0, eq + 1), Mark);
                changed = true;
            }
        }

        return changed ? string.Join('&', pairs) : form;
    }

    private static bool IsSecretName(ReadOnlySpan<char> name)
    {
        if (name.Length > MaxEncodedName)
        {
            return false;
        }

        var decoded = name.IndexOfAny('%', '+') < 0 ? name.ToString() : DecodeName(name);
        return Secrets.Contains(decoded, StringComparer.OrdinalIgnoreCase);
    }

    // application/x-www-form-urlencoded decoding of a name; a broken escape stays as it is (the
    // servers refuse such a request, and the name then is not a secret's).
    private static string DecodeName(ReadOnlySpan<char> name)
    {
        var bytes = new List<byte>(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] == '+')
            {
                bytes.Add((byte)' ');
            }
            else if (name[i] == '%' && i + 2 < name.Length && byte.TryParse(name.Slice(i + 1, 2), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var b))
            {
                bytes.Add(b);
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(name.Slice(i, 1).ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static string? ClientId(string authorization) =>
        BasicCredentials.Parse(authorization, out _)?.ClientId is { Length: <= MaxShownClientId } id && !id.Any(char.IsControl) && !id.Contains('>', StringComparison.Ordinal) ? id : null;

    private static bool IsAuthorization(string name) => string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase);

    private static bool IsReferer(string name) => string.Equals(name, "Referer", StringComparison.OrdinalIgnoreCase);
}
