using System.Security.Cryptography;
using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.MockBroker.Pages;
using PbenchAuthSpec.MockBroker.State;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Endpoints;

/// <summary><c>…/protocol/openid-connect/auth</c> (RFC 6749 §4.1.1, OIDC Core §3.1.2) and the login page it leads to.</summary>
internal sealed class AuthorizationEndpoint(BrokerContext broker, LoginFinisher finisher)
{
    private static readonly TimeSpan LoginTimeout = TimeSpan.FromMinutes(30);

    public void Map(IEndpointRouteBuilder realms)
    {
        realms.MapGet(RealmRoutes.Authorization, (HttpContext http) => HandleAsync(http, RealmRoutes.Of(http)));
        realms.MapPost(RealmRoutes.Authorization, (HttpContext http) => HandleAsync(http, RealmRoutes.Of(http)));
    }

    private async Task HandleAsync(HttpContext http, Realm realm)
    {
        // OIDC Core §3.1.2.1: the request may come as a query (GET) or a form (POST).
        var parse = HttpMethods.IsPost(http.Request.Method) ? await ProtocolParameters.FromFormAsync(http.Request) : ProtocolParameters.FromQuery(http.Request);
        if (parse.Parameters is not { } parameters)
        {
            await BrokerHttp.ErrorPageAsync(http, "invalid_request", parse.Error!);
            return;
        }

        var validation = AuthorizationRequestValidator.Validate(realm, parameters, broker.Stack);
        if (validation.Request is { } request)
        {
            await ProceedAsync(http, realm, request);
        }
        else if (validation.RedirectUri is { } redirectUri)
        {
            await finisher.FailAsync(http, realm, validation.ClientId!, redirectUri, validation.ResponseMode, validation.State, validation.Error!, validation.Description);
        }
        else
        {
            await BrokerHttp.ErrorPageAsync(http, validation.Error!, validation.Description!);
        }
    }

    private async Task ProceedAsync(HttpContext http, Realm realm, AuthorizationRequest request)
    {
        var now = broker.Clock.GetUtcNow();
        var session = realm.Sessions.ByIdentityCookie(BrokerCookies.Read(http.Request, BrokerCookies.Identity));
        var usable = realm.IsSessionActive(session, now) && !TooOld(session!, request, now) && realm.Users.ById(session!.UserId) is { Enabled: true };
        var prompts = (request.Prompt ?? "").Split(' ');

        // OIDC Core §3.1.2.1 prompt=none: answer at once, with a code or login_required.
        if (prompts.Contains("none"))
        {
            await (usable
                ? SsoAsync(http, realm, request, session!, now)
                : finisher.FailAsync(http, realm, request.ClientId, request.RedirectUri, request.ResponseMode, request.State, "login_required", null));
            return;
        }

        if (usable && !prompts.Contains("login"))
        {
            await SsoAsync(http, realm, request, session!, now);
            return;
        }

        var pending = StartLogin(http, realm, request);
        if (request.IdpHint is { } hint && realm.IdentityProviders.TryGetValue(hint, out var hinted) && hinted.Enabled)
        {
            // Keycloak: kc_idp_hint skips the selection page and goes straight to the broker hop.
            await BrokerHttp.RedirectAsync(http, BrokerLoginHref(realm, hint, pending));
            return;
        }

        await BrokerHttp.HtmlAsync(http, HtmlPages.Login(LoginPage(realm, pending, error: null)));
    }

    private Task SsoAsync(HttpContext http, Realm realm, AuthorizationRequest request, SsoSession session, DateTimeOffset now)
    {
        session.Touch(now);
        // Keycloak: acr "0" when the user was authenticated by the SSO cookie, not just now.
        return finisher.SucceedAsync(http, realm, request, session, acr: "0");
    }

    // OIDC Core §3.1.2.1 max_age: a session authenticated longer ago must log in again.
    private static bool TooOld(SsoSession session, AuthorizationRequest request, DateTimeOffset now) =>
        request.MaxAge is { } maxAge && now - session.AuthTime > TimeSpan.FromSeconds(maxAge);

    private PendingLogin StartLogin(HttpContext http, Realm realm, AuthorizationRequest request)
    {
        // Session fixation (RFC 6749 §10.12): an AUTH_SESSION_ID is reused only when this realm
        // issued it and still knows it (Keycloak's root authentication session); any other gets a new one.
        var now = broker.Clock.GetUtcNow();
        var cookie = BrokerCookies.Read(http.Request, BrokerCookies.AuthSession);
        var root = cookie is not null && realm.AuthSessions.TryGet(cookie, out _) ? cookie : NewId();
        realm.AuthSessions.Set(root, true, now + LoginTimeout);
        BrokerCookies.SetAuthSession(http.Response, realm, root);
        var pending = new PendingLogin { TabId = NewId()[..11], RootSessionId = root, SessionCode = NewId(), Request = request };
        realm.PendingLogins.Set(pending.TabId, pending, now + LoginTimeout);
        return pending;
    }

    public static LoginPageModel LoginPage(Realm realm, PendingLogin pending, string? error) => new(
        realm.Name,
        $"{realm.Urls.LoginActions}?{Query(pending)}",
        realm.IdentityProviders.Values.Where(p => p.Enabled && !p.HideOnLogin && !p.LinkOnly).Select(p => (p.Alias, p.DisplayName ?? p.Alias, BrokerLoginHref(realm, p.Alias, pending))).ToList(),
        pending.Request.LoginHint,
        error);

    public static string BrokerLoginHref(Realm realm, string alias, PendingLogin pending) => $"{realm.Urls.BrokerLogin(alias)}?{Query(pending)}";

    private static string Query(PendingLogin pending) =>
        $"client_id={Uri.EscapeDataString(pending.Request.ClientId)}&tab_id={pending.TabId}&session_code={pending.SessionCode}";

    private static string NewId() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18));
}
