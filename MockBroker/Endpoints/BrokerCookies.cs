using System.Net;
using System.Security.Cryptography;
using System.Text;
using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.MockBroker.State;

namespace PbenchAuthSpec.MockBroker.Endpoints;

/// <summary>
/// Keycloak's cookies, scoped to <c>/realms/{realm}/</c>, with Keycloak 26's attributes: in a secure
/// context (https, or a loopback host, which browsers treat as potentially trustworthy and accept
/// <c>Secure</c> cookies from over http) <c>SameSite=None; Secure</c>, so that the broker's iframes
/// can read them inside a dashboard on another site when the browser allows third-party cookies;
/// elsewhere <c>SameSite=Lax</c> without <c>Secure</c>, as Keycloak downgrades them.
/// </summary>
internal static class BrokerCookies
{
    /// <summary>Binds a login in progress to the browser that started it.</summary>
    public const string AuthSession = "AUTH_SESSION_ID";

    /// <summary>HttpOnly: the SSO session, read only by the broker.</summary>
    public const string Identity = "KEYCLOAK_IDENTITY";

    /// <summary>Readable by login-status-iframe.html: base64url(SHA-256(sid)), as Keycloak 26.1 writes it.</summary>
    public const string Session = "KEYCLOAK_SESSION";

    public static string? Read(HttpRequest request, string name) => request.Cookies.TryGetValue(name, out var value) && value.Length is > 0 and <= 256 ? value : null;

    public static void SetAuthSession(HttpResponse response, Realm realm, string rootSessionId) =>
        response.Cookies.Append(AuthSession, rootSessionId, Options(response, realm, httpOnly: true));

    public static void SetSso(HttpResponse response, Realm realm, SsoSession session)
    {
        response.Cookies.Append(Identity, session.IdentityCookie, Options(response, realm, httpOnly: true));
        response.Cookies.Append(Session, SessionHash(session.Id), Options(response, realm, httpOnly: false));
    }

    public static void ClearSso(HttpResponse response, Realm realm)
    {
        response.Cookies.Delete(Identity, Options(response, realm, httpOnly: true));
        response.Cookies.Delete(Session, Options(response, realm, httpOnly: false));
    }

    public static string SessionHash(string sid) =>
        System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(sid)));

    /// <summary>W3C Secure Contexts §3.1 (potentially trustworthy origin), as Keycloak's SecureContextResolver reads it.</summary>
    public static bool IsSecureContext(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var host = request.Host.Host;
        return request.IsHttps
            || host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }

    private static CookieOptions Options(HttpResponse response, Realm realm, bool httpOnly)
    {
        // RFC 6265bis §5.4.7: SameSite=None needs Secure; Keycloak downgrades to Lax where it cannot set Secure.
        var secure = IsSecureContext(response.HttpContext.Request);
        return new()
        {
            Path = realm.Urls.CookiePath,
            HttpOnly = httpOnly,
            SameSite = secure ? SameSiteMode.None : SameSiteMode.Lax,
            Secure = secure,
            IsEssential = true,
        };
    }
}
