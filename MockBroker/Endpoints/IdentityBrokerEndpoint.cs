using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PbenchAuthSpec.MockBroker.Fixtures;
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
    public void Map(WebApplication app)
    {
        app.MapGet("/realms/{realm}/broker/{alias}/login", (HttpContext http, string realm, string alias) => LoginAsync(http, realm, alias));
        app.MapGet("/realms/{realm}/broker/{alias}/endpoint", (HttpContext http, string realm, string alias) => EndpointAsync(http, realm, alias));
        app.MapPost("/realms/{realm}/broker/{alias}/endpoint", (HttpContext http, string realm, string alias) => EndpointAsync(http, realm, alias));
    }

    private async Task LoginAsync(HttpContext http, string realmName, string alias)
    {
        if (broker.Realm(realmName) is not { } realm)
        {
            await BrokerHttp.RealmNotFoundAsync(http, realmName);
            return;
        }

        var query = ProtocolParameters.FromQuery(http.Request);
        if (query.Parameters is null)
        {
            await BrokerHttp.ErrorPageAsync(http, "invalid_request", query.Error!);
            return;
        }

        if (!realm.IdentityProviders.TryGetValue(alias, out var idp))
        {
            await BrokerHttp.ErrorPageAsync(http, "invalid_request", "Could not find an identity provider with that alias.", StatusCodes.Status404NotFound);
            return;
        }

        if (PendingLoginLookup.Find(realm, http.Request, query.Parameters, out var problem) is not { } pending)
        {
            await BrokerHttp.ErrorPageAsync(http, "invalid_request", problem);
            return;
        }

        UpstreamMetadata metadata;
        try
        {
            metadata = await broker.Upstream.DiscoverAsync(broker.Stack.Resolve(idp.Issuer), http.RequestAborted);
        }
        catch (UpstreamException e)
        {
            realm.PendingLogins.Remove(pending.TabId);
            await FailToClientAsync(http, realm, pending, "temporarily_unavailable", $"identity provider '{alias}' is unreachable: {e.Message}");
            return;
        }

        // Keycloak's upstream state: <random>.<tab id>.<client id>; the IdP must echo it byte for byte.
        var upstream = pending with
        {
            UpstreamAlias = alias,
            UpstreamState = $"{Random()}.{pending.TabId}.{pending.Request.ClientId}",
            UpstreamNonce = Random(),
        };
        realm.PendingLogins.Set(pending.TabId, upstream, broker.Clock.GetUtcNow() + TimeSpan.FromMinutes(30));
        await BrokerHttp.RedirectAsync(http, UpstreamAuthorizationUrl(realm, idp, metadata, upstream));
    }

    private static string UpstreamAuthorizationUrl(Realm realm, IdentityProviderFixture idp, UpstreamMetadata metadata, PendingLogin pending)
    {
        var parameters = new KeyValuePair<string, string?>[]
        {
            new("scope", idp.DefaultScope),
            new("state", pending.UpstreamState),
            new("response_type", "code"),
            new("client_id", idp.ClientId),
            new("redirect_uri", realm.Urls.BrokerEndpoint(idp.Alias)),
            new("nonce", pending.UpstreamNonce),
            new("login_hint", pending.Request.LoginHint),
        };
        return AuthorizationResponse.Build(metadata.AuthorizationEndpoint, "query", parameters);
    }

    private async Task EndpointAsync(HttpContext http, string realmName, string alias)
    {
        if (broker.Realm(realmName) is not { } realm)
        {
            await BrokerHttp.RealmNotFoundAsync(http, realmName);
            return;
        }

        var parse = HttpMethods.IsPost(http.Request.Method) ? await ProtocolParameters.FromFormAsync(http.Request) : ProtocolParameters.FromQuery(http.Request);
        if (parse.Parameters is not { } response)
        {
            await BrokerHttp.ErrorPageAsync(http, "invalid_request", parse.Error!);
            return;
        }

        // The admin API may remove the provider while its login is under way: read it once.
        if (TrustedLogin(http, realm, alias, response, out var problem) is not { } pending || !realm.IdentityProviders.TryGetValue(alias, out var idp))
        {
            await BrokerHttp.ErrorPageAsync(http, "invalid_request", problem);
            return;
        }

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

    private async Task<BrokerUser> FederateAsync(Realm realm, IdentityProviderFixture idp, PendingLogin pending, ProtocolParameters response, CancellationToken cancellationToken)
    {
        // RFC 6749 §4.1.2.1: the IdP refused; the client hears the same (standard codes pass through).
        if (response["error"] is { } error)
        {
            var passed = error is "access_denied" or "login_required" or "consent_required" or "interaction_required" or "temporarily_unavailable" ? error : "access_denied";
            throw new UpstreamError(passed, $"identity provider '{idp.Alias}' answered {BrokerHttp.Short(error)}{(response["error_description"] is { } d ? ": " + BrokerHttp.Short(d) : "")}");
        }

        var metadata = await broker.Upstream.DiscoverAsync(broker.Stack.Resolve(idp.Issuer), cancellationToken);

        // RFC 9207 §2.4: an iss in the answer must be the IdP's issuer (mix-up defence).
        if (response["iss"] is { } iss && iss != metadata.Issuer)
        {
            throw new UpstreamException($"the answer's iss '{BrokerHttp.Short(iss)}' is not the IdP's issuer");
        }

        var code = response["code"] ?? throw new UpstreamException("the IdP's answer has no code");
        var idToken = await exchange.ExchangeCodeAsync(idp, metadata, code, realm.Urls.BrokerEndpoint(idp.Alias), cancellationToken);
        var token = await exchange.ValidateIdTokenAsync(idp, metadata, idToken, pending.UpstreamNonce!, cancellationToken);
        var user = firstLogin.Resolve(realm, idp, token);
        return user.Enabled ? user : throw new UpstreamError("access_denied", "Account is disabled, contact your administrator.");
    }

    private Task FailToClientAsync(HttpContext http, Realm realm, PendingLogin pending, string error, string description) =>
        finisher.FailAsync(http, realm, pending.Request.ClientId, pending.Request.RedirectUri, pending.Request.ResponseMode, pending.Request.State, error, description);

    private static string Random() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18));
}
