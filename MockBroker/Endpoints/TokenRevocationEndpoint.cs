using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.MockBroker.Tokens;

namespace PbenchAuthSpec.MockBroker.Endpoints;

/// <summary>
/// <c>…/protocol/openid-connect/revoke</c>: RFC 7009 as Keycloak does it. A refresh token ends
/// the client's session (and the user session when no client is left); an access token is
/// remembered as revoked until it expires. Keycloak:
/// services/src/main/java/org/keycloak/protocol/oidc/endpoints/TokenRevocationEndpoint.java.
/// </summary>
internal sealed class TokenRevocationEndpoint(BrokerContext broker, BrokerCors cors, OwnTokens ownTokens)
{
    public void Map(IEndpointRouteBuilder realms) =>
        realms.MapPost(RealmRoutes.Revocation, (HttpContext http) => HandleAsync(http, RealmRoutes.Of(http)));

    private async Task HandleAsync(HttpContext http, Realm realm)
    {
        // RFC 7009 §2.1: the client authenticates (a public client names itself).
        if (await ClientRequest.ReadAsync(http, cors, realm) is not { } request)
        {
            return;
        }

        var (_, client, form) = request;

        if (client.BearerOnly)
        {
            await BrokerHttp.ErrorAsync(http, "invalid_client", "Bearer-only not allowed");
            return;
        }

        if (form["token"] is not { } token)
        {
            await BrokerHttp.ErrorAsync(http, "invalid_request", "Token not provided");
            return;
        }

        var refresh = await ownTokens.RefreshAsync(realm, token);
        var jwt = refresh.Jwt ?? (await ownTokens.AccessAsync(realm, token)).Jwt ?? (await ownTokens.IdTokenHintAsync(realm, token)).Jwt;
        // RFC 7009 §2.2: an invalid token is no error for the client; Keycloak says so with 200.
        if (jwt is null)
        {
            await BrokerHttp.ErrorAsync(http, "invalid_token", "Invalid token", StatusCodes.Status200OK);
            return;
        }

        if (jwt.String("typ") is not ("Refresh" or "Bearer"))
        {
            await BrokerHttp.ErrorAsync(http, "unsupported_token_type", "Unsupported token type");
            return;
        }

        if (jwt.String("azp") is not { } issuedFor)
        {
            await BrokerHttp.ErrorAsync(http, "invalid_token", "Invalid token", StatusCodes.Status200OK);
            return;
        }

        if (issuedFor != client.ClientId)
        {
            await BrokerHttp.ErrorAsync(http, "invalid_request", "Unmatching clients");
            return;
        }

        var session = realm.Sessions.BySid(jwt.String("sid"));
        var userId = session?.UserId ?? (Guid.TryParse(jwt.String("sub"), out var id) ? id : Guid.Empty);
        if ((jwt.String("sid") is not null && (session is null || !session.HasClient(client.ClientId))) || realm.Users.ById(userId) is null)
        {
            await BrokerHttp.ErrorAsync(http, "invalid_token", "Invalid token", StatusCodes.Status200OK);
            return;
        }

        if (refresh.Jwt is not null)
        {
            RevokeClient(realm, userId, client.ClientId);
        }
        else
        {
            var remaining = Math.Max((jwt.Number("exp") ?? 0) - broker.Clock.GetUtcNow().ToUnixTimeSeconds(), 10);
            realm.RevokedTokens.Set(jwt.String("jti") ?? "", true, broker.Clock.GetUtcNow().AddSeconds(remaining));
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentLength = 0;
    }

    // Keycloak's revokeClient: the client leaves every session of the user; an empty session ends.
    private static void RevokeClient(Realm realm, Guid userId, string clientId)
    {
        foreach (var session in realm.Sessions.Live().Where(s => s.UserId == userId && s.HasClient(clientId)))
        {
            if (session.DetachClient(clientId) == 0)
            {
                realm.Sessions.End(session);
            }
        }
    }
}
