using PbenchAuthSpec.MockBroker.Fixtures;
using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.MockBroker.State;
using PbenchAuthSpec.MockBroker.Tokens;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Endpoints;

/// <summary>RFC 6749 §4.1.3: a code for tokens, once, by the client it was issued to, with its PKCE verifier.</summary>
internal sealed class AuthorizationCodeGrant(BrokerContext broker)
{
    public GrantResult Handle(Realm realm, ClientFixture client, ProtocolParameters form)
    {
        if (form["code"] is not { } code)
        {
            return GrantResult.Fail("invalid_request", "Missing parameter: code");
        }

        if (!realm.Codes.TryTake(code, out var issued))
        {
            return Replayed(realm, code);
        }

        realm.RedeemedCodes.Set(code, issued, broker.Clock.GetUtcNow() + realm.Lifetimes.Code);
        var problem = SameClient(issued, client) ?? SameRedirectUri(issued, form) ?? CodeVerifier(issued, form);
        if (problem is not null)
        {
            return problem;
        }

        var now = broker.Clock.GetUtcNow();
        var session = realm.Sessions.BySid(issued.SessionId);
        if (!realm.IsSessionActive(session, now) || realm.Users.ById(issued.UserId) is not { Enabled: true } user)
        {
            return GrantResult.Fail("invalid_grant", "Session not active");
        }

        session!.Touch(now);
        session.SetClientNonce(client.ClientId, issued.Request.Nonce);
        return GrantResult.Ok(new TokenGrant(realm, client, user, session, issued.Request.Scope, issued.Request.Nonce, issued.Acr) { CodeExchange = true });
    }

    // RFC 6749 §4.1.2: a code used twice is refused, and what it gave is revoked.
    private GrantResult Replayed(Realm realm, string code)
    {
        if (realm.RedeemedCodes.TryGet(code, out var redeemed) && realm.Sessions.BySid(redeemed.SessionId) is { } session)
        {
            session.RevokeClientTokens(redeemed.Request.ClientId, broker.Clock.GetUtcNow().ToUnixTimeSeconds());
        }

        return GrantResult.Fail("invalid_grant", "Code not valid");
    }

    // RFC 6749 §4.1.3: the code was issued to this client.
    private static GrantResult? SameClient(AuthorizationCode issued, ClientFixture client) =>
        issued.Request.ClientId == client.ClientId ? null : GrantResult.Fail("invalid_grant", "Auth error: the code was issued to another client");

    // RFC 6749 §4.1.3: redirect_uri is required and identical when the request carried one.
    private static GrantResult? SameRedirectUri(AuthorizationCode issued, ProtocolParameters form) =>
        issued.Request.RequestedRedirectUri is null || form["redirect_uri"] == issued.Request.RequestedRedirectUri
            ? null
            : GrantResult.Fail("invalid_grant", "Incorrect redirect_uri");

    // RFC 7636 §4.5–4.6: the verifier must match the challenge sent with the authorization request.
    private static GrantResult? CodeVerifier(AuthorizationCode issued, ProtocolParameters form)
    {
        var verifier = form["code_verifier"];
        if (issued.Request.CodeChallenge is not { } challenge)
        {
            return verifier is null ? null : GrantResult.Fail("invalid_grant", "PKCE code verifier specified but challenge not present in authorization");
        }

        if (verifier is null)
        {
            return GrantResult.Fail("invalid_grant", "PKCE code verifier not specified");
        }

        if (!Pkce.IsWellFormed(verifier))
        {
            return GrantResult.Fail("invalid_grant", "PKCE invalid code verifier");
        }

        return Pkce.Verifies(verifier, challenge, issued.Request.CodeChallengeMethod) ? null : GrantResult.Fail("invalid_grant", "PKCE verification failed: Code mismatch");
    }
}
