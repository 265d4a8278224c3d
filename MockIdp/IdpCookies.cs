using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PbenchAuthSpec.MockIdp;

/// <summary>
/// MockIdp's two cookies. <c>mockidp_browser</c> binds a sign-in to the browser that started it, so
/// a login or consent form posted from another site (without the cookie: it is SameSite=Lax) is
/// refused. <c>mockidp_session</c> is the IdP session that lets the same browser skip the password
/// next time, as Keycloak's does; it is stateless (HMAC with a per-server key), so sessions cost no memory.
/// </summary>
internal sealed class IdpCookies(TimeSpan sessionLifetime)
{
    public const string BrowserCookie = "mockidp_browser";
    public const string SessionCookie = "mockidp_session";

    private static readonly CookieOptions Options = new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        IsEssential = true,
    };

    private readonly byte[] _sessionKey = RandomNumberGenerator.GetBytes(32);

    public static string NewId(int bytes = 32) => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));

    public static string? BrowserId(HttpContext context) =>
        context.Request.Cookies.TryGetValue(BrowserCookie, out var id) && id.Length == 43 && Base64Url.IsValid(id) ? id : null;

    /// <summary>The browser's id, issuing the cookie when the browser has none yet.</summary>
    public static string EnsureBrowserId(HttpContext context)
    {
        if (BrowserId(context) is { } existing)
        {
            return existing;
        }

        var id = NewId();
        context.Response.Cookies.Append(BrowserCookie, id, Options);
        return id;
    }

    public void StartSession(HttpContext context, IdpUser user, DateTimeOffset authTime)
    {
        var expires = authTime + sessionLifetime;
        var body = string.Create(CultureInfo.InvariantCulture, $"{authTime.ToUnixTimeSeconds()}.{expires.ToUnixTimeSeconds()}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(user.Username))}");
        context.Response.Cookies.Append(SessionCookie, $"{body}.{Mac(body)}", Options);
    }

    /// <summary>The session's user and authentication time, when the cookie is this server's, intact and current.</summary>
    public (string Username, DateTimeOffset AuthTime)? ReadSession(HttpContext context, DateTimeOffset now)
    {
        if (!context.Request.Cookies.TryGetValue(SessionCookie, out var value) || value.Length > 1024)
        {
            return null;
        }

        var parts = value.Split('.');
        if (parts.Length != 4 || !Base64Url.IsValid(parts[2]) || !Base64Url.IsValid(parts[3]))
        {
            return null;
        }

        var body = $"{parts[0]}.{parts[1]}.{parts[2]}";
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Mac(body)), Encoding.ASCII.GetBytes(parts[3]))
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var authTime)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || now.ToUnixTimeSeconds() >= expires)
        {
            return null;
        }

        return (Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[2])), DateTimeOffset.FromUnixTimeSeconds(authTime));
    }

    private string Mac(string body) => Base64Url.EncodeToString(HMACSHA256.HashData(_sessionKey, Encoding.ASCII.GetBytes(body)));
}
