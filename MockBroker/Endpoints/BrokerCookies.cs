using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.MockBroker.State;

namespace PbenchAuthSpec.MockBroker.Endpoints;

/// <summary>
/// Keycloak's cookies, scoped to <c>/realms/{realm}/</c>. Keycloak marks them <c>SameSite=None;
/// Secure</c> over https; a stand-in on http://127.0.0.1 cannot set Secure cookies, so they are
/// <c>SameSite=Lax</c>, which a dashboard on another 127.0.0.1 port (same site) still sends and reads.
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
        response.Cookies.Append(AuthSession, rootSessionId, Options(realm, httpOnly: true));

    public static void SetSso(HttpResponse response, Realm realm, SsoSession session)
    {
        response.Cookies.Append(Identity, session.IdentityCookie, Options(realm, httpOnly: true));
        response.Cookies.Append(Session, SessionHash(session.Id), Options(realm, httpOnly: false));
    }

    public static void ClearSso(HttpResponse response, Realm realm)
    {
        response.Cookies.Delete(Identity, Options(realm, httpOnly: true));
        response.Cookies.Delete(Session, Options(realm, httpOnly: false));
    }

    public static string SessionHash(string sid) =>
        System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(sid)));

    private static CookieOptions Options(Realm realm, bool httpOnly) => new()
    {
        Path = realm.Urls.CookiePath,
        HttpOnly = httpOnly,
        SameSite = SameSiteMode.Lax,
        Secure = false,
        IsEssential = true,
    };
}
