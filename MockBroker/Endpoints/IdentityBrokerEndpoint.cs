using System.Security.Cryptography;
using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.MockBroker.State;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Endpoints;

/// <summary>
/// Keycloak's identity brokering: <c>…/broker/{alias}/login</c> sends the browser to the IdP;
/// <c>…/broker/{alias}/endpoint</c> takes its answer, exchanges the code over the back channel,
/// checks the id_token, imports or links the user and finishes the client's login.
/// </summary>
internal sealed class IdentityBrokerEndpoint(BrokerContext broker, LoginFinisher finisher, UpstreamExchange exchange, FirstBrokerLogin firstLogin)
{
    public void Map(IEndpointRouteBuilder realms)
    {
        realms.MapGet(RealmRoutes.BrokerLogin, (HttpContext http, string alias) => LoginAsync(http, RealmRoutes.Of(http), alias));
        realms.MapGet(RealmRoutes.BrokerEndpoint, (HttpContext http, string alias) => EndpointAsync(http, RealmRoutes.Of(http), alias));
        realms.MapPost(RealmRoutes.BrokerEndpoint, (HttpContext http, string alias) => EndpointAsync(http, RealmRoutes.Of(http), alias));
    }

    private async Task LoginAsync(HttpContext http, Realm realm, string alias)
    {
        var query = ProtocolParameters.FromQuery(http.Request);
        if (query.Parameters is null)
        {
            await BrokerHttp.ErrorPageAsync(http, "invalid_request", query.Error!);
            return;
        }

        // Keycloak answers a disabled provider as an unknown one.
        if (!realm.IdentityProviders.TryGetValue(alias, out var idp) || !idp.Enabled)
        {
            await BrokerHttp.ErrorPageAsync(http, "invalid_request", "Could not find an identity provider with that alias.", StatusCodes.Status404NotFound);
            return;
        }

        if (PendingLoginLookup.Find(realm, http.Request, query.Parameters, out var problem) is not { } pending)
        {
            await BrokerHttp.ErrorPageAsync(http, "invalid_request", problem);
            return;
        }

        var settings = new OidcProviderSettings(idp);
        UpstreamMetadata metadata;
        try
        {
            metadata = await broker.Upstream.ResolveAsync(settings, broker.Stack, http.RequestAborted);
        }
        catch (UpstreamException e)
        {
            realm.PendingLogins.Remove(pending.TabId);
            await FailToClientAsync(http, realm, pending, "temporarily_unavailable", $"identity provider '{alias}' is unreachable: {e.Message}");
            return;
        }

        // Keycloak's upstream state: <random>.<tab id>.<client id>; the IdP must echo it byte for byte.
        var pkce = settings.PkceEnabled && !broker.Fault(realm, BrokerFaults.NoIdpPkce);
        var upstream = pending with
        {
            UpstreamAlias = alias,
            UpstreamState = $"{Random()}.{pending.TabId}.{pending.Request.ClientId}",
            UpstreamNonce = settings.DisableNonce ? null : Random(),
            UpstreamCodeVerifier = pkce ? Random() + Random() : null,
        };
        realm.PendingLogins.Set(pending.TabId, upstream, broker.Clock.GetUtcNow() + TimeSpan.FromMinutes(30));
        await BrokerHttp.RedirectAsync(http, UpstreamAuthorizationUrl(realm, settings, metadata, upstream));
    }

    // AbstractOAuth2IdentityProvider.createAuthorizationUrl and OIDCIdentityProvider's additions.
    private static string UpstreamAuthorizationUrl(Realm realm, OidcProviderSettings idp, UpstreamMetadata metadata, PendingLogin pending)
    {
        var method = idp.PkceMethod ?? "S256";
        var parameters = new KeyValuePair<string, string?>[]
        {
            new("scope", idp.Scope),
            new("state", pending.UpstreamState),
            new("response_type", "code"),
            new("client_id", idp.ClientId),
            new("redirect_uri", realm.Urls.BrokerEndpoint(idp.Alias)),
            new("nonce", pending.UpstreamNonce),
            new("login_hint", idp.ForwardLoginHint ? pending.Request.LoginHint : null),
            // RFC 7636 §4.3, Keycloak's "Use PKCE" with its method.
            new("code_challenge", pending.UpstreamCodeVerifier is { } verifier ? Pkce.Challenge(verifier, method) : null),
            new("code_challenge_method", pending.UpstreamCodeVerifier is null ? null : method),
        };
        return AuthorizationResponse.Build(metadata.AuthorizationEndpoint, "query", parameters);
    }

    private async Task EndpointAsync(HttpContext http, Realm realm, string alias)
    {
        var parse = HttpMethods.IsPost(http.Request.Method) ? await ProtocolParameters.FromFormAsync(http.Request) : ProtocolParameters.FromQuery(http.Request);
        if (parse.Parameters is not { } response)
        {
            await BrokerHttp.ErrorPageAsync(http, "invalid_request", parse.Error!);
            return;
        }

        // The admin API may remove the provider while its login is under way: read it once.
        if (TrustedLogin(http, realm, alias, response, out var problem) is not { } pending || !realm.IdentityProviders.TryGetValue(alias, out var provider))
        {
            await BrokerHttp.ErrorPageAsync(http, "invalid_request", problem);
            return;
        }

        var idp = new OidcProviderSettings(provider);

        try
        {
            var user = await FederateAsync(realm, idp, pending, response, http.RequestAborted);
            var session = realm.Sessions.Create(user.Id, alias, realm.Lifetimes.SessionMax);
            await finisher.SucceedAsync(http, realm, pending.Request, session, acr: "1");
        }
        catch (UpstreamError e)
        {
            await FailToClientAsync(http, realm, pending, e.Error, e.Message);
        }
        catch (UpstreamException e)
        {
            await FailToClientAsync(http, realm, pending, "server_error", $"identity provider login failed: {e.Message}");
        }
    }

    /// <summary>
    /// RFC 6749 §10.12: the answer's state must be the one this browser was sent upstream with.
    /// Until it is, nothing in the request is trusted, so failures are shown, not redirected.
    /// </summary>
    private static PendingLogin? TrustedLogin(HttpContext http, Realm realm, string alias, ProtocolParameters response, out string problem)
    {
        problem = "Missing state parameter in response from identity provider.";
        if (response["state"] is not { } state)
        {
            return null;
        }

        var parts = state.Split('.', 3);
        problem = "Invalid state parameter in response from identity provider.";
        if (parts.Length != 3 || !realm.IdentityProviders.ContainsKey(alias) || !realm.PendingLogins.TryGet(parts[1], out var pending))
        {
            return null;
        }

        if (pending.UpstreamAlias != alias || pending.UpstreamState is null || !PendingLoginLookup.SameText(pending.UpstreamState, state) || parts[2] != pending.Request.ClientId)
        {
            return null;
        }

        if (!PendingLoginLookup.SameText(pending.RootSessionId, BrokerCookies.Read(http.Request, BrokerCookies.AuthSession)))
        {
            problem = "Cookie not found. Please make sure cookies are enabled in your browser.";
            return null;
        }

        // Single use: a replayed IdP answer finds nothing.
        return realm.PendingLogins.TryTake(pending.TabId, out var taken) ? taken : null;
    }

    private async Task<BrokerUser> FederateAsync(Realm realm, OidcProviderSettings idp, PendingLogin pending, ProtocolParameters response, CancellationToken cancellationToken)
    {
        if (response["error"] is { } error)
        {
            throw Refused(idp, error, response["error_description"]);
        }

        var metadata = await broker.Upstream.ResolveAsync(idp, broker.Stack, cancellationToken);

        // RFC 9207 §2.4: an iss in the answer must be the IdP's issuer (mix-up defence).
        if (response["iss"] is { } iss && metadata.Issuer is { } issuer && iss != issuer)
        {
            throw new UpstreamException($"the answer's iss '{BrokerHttp.Short(iss)}' is not the IdP's issuer");
        }

        // Keycloak: "Redirection URL neither contains a code nor error parameter".
        var code = response["code"] ?? throw new UpstreamException("the IdP's answer has neither code nor error");
        var rs256Only = broker.Fault(realm, BrokerFaults.Rs256Only);
        var tokens = await exchange.ExchangeCodeAsync(idp, metadata, new UpstreamCall(realm, code, realm.Urls.BrokerEndpoint(idp.Alias), pending.UpstreamCodeVerifier), cancellationToken);
        var idToken = await exchange.ValidateIdTokenAsync(idp, metadata, tokens.IdToken, pending.UpstreamNonce, rs256Only, cancellationToken);
        var askUserInfo = !idp.DisableUserInfo && !broker.Fault(realm, BrokerFaults.NoUserinfo);
        var userInfo = askUserInfo ? await exchange.UserInfoAsync(idp, metadata, tokens.AccessToken, rs256Only, cancellationToken) : null;
        var user = firstLogin.Resolve(realm, idp, BrokeredIdentity.From(idToken, userInfo));
        return user.Enabled ? user : throw new UpstreamError("access_denied", "Account is disabled, contact your administrator.");
    }

    /// <summary>
    /// RFC 6749 §4.1.2.1: the IdP refused. As Keycloak's authResponse: access_denied is the user's
    /// cancel, login_required and interaction_required (and their kin) pass through; anything else is
    /// "Unexpected error when authenticating with identity provider" (server_error here). The IdP's
    /// own error and description ride along in error_description, so the client sees what went wrong.
    /// </summary>
    private static UpstreamError Refused(OidcProviderSettings idp, string error, string? description)
    {
        var passed = error is "access_denied" or "login_required" or "interaction_required" or "consent_required" or "account_selection_required" or "temporarily_unavailable";
        var said = $"identity provider '{idp.Alias}' answered error={Quote(error)}{(description is { } d ? $" ({Quote(d)})" : "")}";
        return passed
            ? new UpstreamError(error, said)
            : new UpstreamError("server_error", $"Unexpected error when authenticating with identity provider: {said}");
    }

    private static string Quote(string text) => text.Length <= 200 ? text : text[..200] + "…";

    private Task FailToClientAsync(HttpContext http, Realm realm, PendingLogin pending, string error, string description) =>
        finisher.FailAsync(http, realm, pending.Request.ClientId, pending.Request.RedirectUri, pending.Request.ResponseMode, pending.Request.State, error, description);

    private static string Random() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18));
}
