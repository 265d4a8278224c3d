using PbenchAuthSpec.MockBroker.Fixtures;
using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.MockBroker.Tokens;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Endpoints;

/// <summary>RFC 6749 §6: new tokens for a refresh token of this client whose session is still alive.</summary>
internal sealed class RefreshTokenGrant(BrokerContext broker, OwnTokens ownTokens)
{
    public async Task<GrantResult> HandleAsync(Realm realm, ClientFixture client, ProtocolParameters form)
    {
        if (form["refresh_token"] is not { } token)
        {
            return GrantResult.Fail("invalid_request", "Missing parameter: refresh_token");
        }

        var check = await ownTokens.RefreshAsync(realm, token);
        if (check.Jwt is not { } jwt)
        {
            return GrantResult.Fail("invalid_grant", $"Invalid refresh token: {check.Error}");
        }

        // RFC 6749 §6: the refresh token was issued to the authenticated client.
        if (jwt.String("azp") != client.ClientId)
        {
            return GrantResult.Fail("invalid_grant", "Invalid refresh token. Token client and authorized client don't match");
        }

        var now = broker.Clock.GetUtcNow();
        var session = realm.Sessions.BySid(jwt.String("sid"));
        if (!realm.IsSessionActive(session, now) || session!.IssuedBeforeRevocation(client.ClientId, jwt.Number("iat") ?? 0))
        {
            return GrantResult.Fail("invalid_grant", "Session not active");
        }

        // Keycloak (TokenManager.validateToken): a client whose session was revoked (RFC 7009) has no client session left.
        if (!session.HasClient(client.ClientId))
        {
            return GrantResult.Fail("invalid_grant", "Session doesn't have required client");
        }

        // RFC 9700 §4.14.2 / Keycloak "Revoke Refresh Token": a rotated refresh token works once.
        if (realm.RevokeRefreshToken && !session.IsCurrentRefresh(client.ClientId, jwt.String("jti") ?? ""))
        {
            return GrantResult.Fail("invalid_grant", "Maximum allowed refresh token reuse exceeded");
        }

        if (!Guid.TryParse(jwt.String("sub"), out var userId) || realm.Users.ById(userId) is not { Enabled: true } user)
        {
            return GrantResult.Fail("invalid_grant", "User not found or disabled");
        }

        var scope = jwt.String("scope") ?? "";
        // RFC 6749 §6: a requested scope may only narrow what was granted.
        if (form["scope"] is { } asked && asked.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(s => !scope.Split(' ').Contains(s, StringComparer.Ordinal)))
        {
            return GrantResult.Fail("invalid_scope", "Invalid scopes: the refresh token was not granted them");
        }

        session.Touch(now);
        // The nonce is the client session's (Keycloak keeps it as a session note), not the refresh
        // token's: Keycloak 25+ refresh tokens carry none, and its mapper still puts it back.
        return GrantResult.Ok(new TokenGrant(realm, client, user, session, scope, session.ClientNonce(client.ClientId), "1"));
    }
}
