using PbenchAuthSpec.MockBroker.Fixtures;
using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.MockBroker.Pages;
using PbenchAuthSpec.MockBroker.State;
using PbenchAuthSpec.MockBroker.Tokens;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Endpoints;

/// <summary>
/// <c>…/protocol/openid-connect/logout</c>: OIDC RP-Initiated Logout from a browser (GET or form
/// POST with <c>id_token_hint</c> and <c>post_logout_redirect_uri</c>), and Keycloak's back-channel
/// POST with <c>refresh_token</c> and <c>client_id</c> (answered 204).
/// </summary>
internal sealed class LogoutEndpoint(BrokerContext broker, BrokerCors cors, OwnTokens ownTokens)
{
    private readonly BackchannelLogout _backchannel = new(broker);

    public void Map(IEndpointRouteBuilder realms)
    {
        realms.MapGet(RealmRoutes.Logout, (HttpContext http) => HandleAsync(http, RealmRoutes.Of(http)));
        realms.MapPost(RealmRoutes.Logout, (HttpContext http) => HandleAsync(http, RealmRoutes.Of(http)));
        realms.MapPost(RealmRoutes.LogoutConfirm, (HttpContext http) => ConfirmAsync(http, RealmRoutes.Of(http)));
    }

    private async Task HandleAsync(HttpContext http, Realm realm)
    {
        var isPost = HttpMethods.IsPost(http.Request.Method);
        var parse = isPost ? await ProtocolParameters.FromFormAsync(http.Request) : ProtocolParameters.FromQuery(http.Request);
        if (parse.Parameters is not { } p)
        {
            cors.ForRealm(http, realm);
            await BrokerHttp.ErrorPageAsync(http, "invalid_request", parse.Error!);
            return;
        }

        await (isPost && p.Has("refresh_token") ? BackChannelAsync(http, realm, p) : FrontChannelAsync(http, realm, p));
    }

    private async Task BackChannelAsync(HttpContext http, Realm realm, ProtocolParameters p)
    {
        var caller = ClientAuthentication.Authenticate(realm, http.Request, p);
        cors.ForClient(http, realm, caller.Client);
        if (caller.Client is not { } client)
        {
            await BrokerHttp.ErrorAsync(http, caller.Error!, caller.Description!, caller.RefusalStatus);
            return;
        }

        var check = await ownTokens.RefreshAsync(realm, p["refresh_token"]);
        if (check.Jwt is not { } jwt || jwt.String("azp") != client.ClientId)
        {
            await BrokerHttp.ErrorAsync(http, "invalid_grant", check.Error is null ? "Invalid refresh token: issued to another client" : $"Invalid refresh token: {check.Error}");
            return;
        }

        if (realm.Sessions.BySid(jwt.String("sid")) is { } session)
        {
            await EndAsync(realm, session);
        }

        http.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private async Task FrontChannelAsync(HttpContext http, Realm realm, ProtocolParameters p)
    {
        // Keycloak 18+ removed the legacy redirect_uri parameter (unless legacy-logout-redirect-uri
        // is switched on): services/src/main/java/org/keycloak/protocol/oidc/endpoints/LogoutEndpoint.java.
        if (p.Has("redirect_uri"))
        {
            await BrokerHttp.ErrorPageAsync(http, "invalid_request", "Invalid parameter: redirect_uri");
            return;
        }

        ParsedJwt? hint = null;
        if (p["id_token_hint"] is { } hintText)
        {
            hint = (await ownTokens.IdTokenHintAsync(realm, hintText)).Jwt;
            if (hint is null)
            {
                await BrokerHttp.ErrorPageAsync(http, "invalid_request", "Invalid parameter: id_token_hint");
                return;
            }
        }

        var (client, problem) = Client(realm, p, hint);
        var redirect = p["post_logout_redirect_uri"];
        problem ??= redirect is null ? null
            : client is null ? "Either the parameter client_id or the parameter id_token_hint is required when post_logout_redirect_uri is used."
            : !ClientRules.IsPostLogoutRedirectAllowed(client, broker.Stack, redirect) ? "Invalid redirect uri"
            : null;
        if (problem is not null)
        {
            await BrokerHttp.ErrorPageAsync(http, "invalid_request", problem);
            return;
        }

        if (hint is null)
        {
            // Keycloak asks first whenever nothing proves the request came from the user's own
            // client, session or not; the form posts to logout/logout-confirm with a code bound
            // to the browser's AUTH_SESSION_ID cookie.
            var authSession = BrokerCookies.Read(http.Request, BrokerCookies.AuthSession) ?? SessionStore.RandomToken();
            BrokerCookies.SetAuthSession(http.Response, realm, authSession);
            var code = SessionStore.RandomToken();
            realm.PendingLogouts.Set(code, new PendingLogout(authSession, client?.ClientId, redirect, p["state"]), broker.Clock.GetUtcNow() + realm.Lifetimes.Code + TimeSpan.FromMinutes(5));
            await BrokerHttp.HtmlAsync(http, HtmlPages.ConfirmLogout($"{realm.Urls.Logout}/logout-confirm", [new("session_code", code)]));
            return;
        }

        var cookieSession = realm.Sessions.ByIdentityCookie(BrokerCookies.Read(http.Request, BrokerCookies.Identity));
        await EndSessionsAsync(realm, hint, cookieSession);
        await LoggedOutAsync(http, realm, redirect, p["state"]);
    }

    private async Task ConfirmAsync(HttpContext http, Realm realm)
    {
        var form = await ProtocolParameters.FromFormAsync(http.Request);
        var code = form.Parameters?["session_code"];
        var cookie = BrokerCookies.Read(http.Request, BrokerCookies.AuthSession);
        // The code only counts in the browser it was shown to; only then is it used up.
        if (code is null || cookie is null || !realm.PendingLogouts.TryGet(code, out var pending) || !PendingLoginLookup.SameText(pending.AuthSessionCookie, cookie) || !realm.PendingLogouts.TryTake(code, out _))
        {
            await BrokerHttp.ErrorPageAsync(http, "invalid_request", "Logout failed");
            return;
        }

        await EndSessionsAsync(realm, null, realm.Sessions.ByIdentityCookie(BrokerCookies.Read(http.Request, BrokerCookies.Identity)));
        await LoggedOutAsync(http, realm, pending.PostLogoutRedirectUri, pending.State);
    }

    private static async Task LoggedOutAsync(HttpContext http, Realm realm, string? redirect, string? state)
    {
        BrokerCookies.ClearSso(http.Response, realm);
        if (redirect is null)
        {
            await BrokerHttp.HtmlAsync(http, HtmlPages.LoggedOut(realm.Name));
            return;
        }

        // RP-Initiated Logout §3: state goes back to the client unchanged.
        await BrokerHttp.RedirectAsync(http, state is not null ? AuthorizationResponse.Build(redirect, "query", [new("state", state)]) : redirect);
    }

    private static (ClientFixture? Client, string? Problem) Client(Realm realm, ProtocolParameters p, ParsedJwt? hint)
    {
        var fromHint = hint?.String("azp") ?? (hint?.Audiences() is [var first, ..] ? first : null);
        var named = p["client_id"];
        if (named is not null && fromHint is not null && named != fromHint)
        {
            return (null, "Parameter client_id different than the client from id_token_hint");
        }

        var clientId = named ?? fromHint;
        if (clientId is null)
        {
            return (null, null);
        }

        return realm.Clients.TryGetValue(clientId, out var client) ? (client, null) : (null, "Invalid parameter: client_id");
    }

    private async Task EndSessionsAsync(Realm realm, ParsedJwt? hint, SsoSession? cookieSession)
    {
        if (hint?.String("sid") is { } sid && realm.Sessions.BySid(sid) is { } hinted)
        {
            await EndAsync(realm, hinted);
        }

        if (cookieSession is not null && !cookieSession.Id.Equals(hint?.String("sid"), StringComparison.Ordinal))
        {
            await EndAsync(realm, cookieSession);
        }
    }

    private Task EndAsync(Realm realm, SsoSession session)
    {
        realm.Sessions.End(session);
        return _backchannel.NotifyAsync(realm, session);
    }
}
