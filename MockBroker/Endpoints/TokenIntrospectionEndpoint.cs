using System.Text.Json.Nodes;
using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.MockBroker.Tokens;

namespace PbenchAuthSpec.MockBroker.Endpoints;

/// <summary>
/// <c>…/protocol/openid-connect/token/introspect</c>: RFC 7662 for confidential clients, with
/// Keycloak's answer (the token's claims plus <c>client_id</c>, <c>username</c>, <c>token_type</c>
/// and <c>active</c>). Keycloak: services/src/main/java/org/keycloak/protocol/oidc/endpoints/TokenIntrospectionEndpoint.java
/// and protocol/oidc/AccessTokenIntrospectionProvider.java.
/// </summary>
internal sealed class TokenIntrospectionEndpoint(BrokerContext broker, BrokerCors cors, OwnTokens ownTokens)
{
    public void Map(IEndpointRouteBuilder realms) =>
        realms.MapPost(RealmRoutes.Introspection, (HttpContext http) => HandleAsync(http, RealmRoutes.Of(http)));

    private async Task HandleAsync(HttpContext http, Realm realm)
    {
        // RFC 7662 §2.1: the caller authenticates; Keycloak lets no public client introspect.
        if (await ClientRequest.ReadAsync(http, cors, realm) is not { } request)
        {
            return;
        }

        var (_, client, form) = request;

        if (client.PublicClient)
        {
            await BrokerHttp.ErrorAsync(http, "invalid_request", "Client not allowed.", StatusCodes.Status403Forbidden);
            return;
        }

        if (form["token"] is not { } token)
        {
            await BrokerHttp.ErrorAsync(http, "invalid_request", "Token not provided.");
            return;
        }

        if (form["token_type_hint"] is { } hint && hint is not ("access_token" or "refresh_token" or "requesting_party_token"))
        {
            await BrokerHttp.ErrorAsync(http, "invalid_request", $"Unsupported token type [{BrokerHttp.Short(hint)}].");
            return;
        }

        await BrokerHttp.JsonAsync(http, await IntrospectAsync(realm, token), BrokerJson.Relaxed.JsonObject, noStore: true);
    }

    // RFC 7662 §2.2: active only when signed by the realm, unexpired, not revoked, its user enabled and its session alive.
    private async Task<JsonObject> IntrospectAsync(Realm realm, string token)
    {
        var check = await ownTokens.AccessAsync(realm, token);
        if (check.Jwt is null)
        {
            check = await ownTokens.RefreshAsync(realm, token);
        }

        if (check.Jwt is not { } jwt || !Live(realm, jwt))
        {
            return new JsonObject { ["active"] = false };
        }

        var answer = JsonNode.Parse(jwt.Payload.GetRawText())!.AsObject();
        answer["client_id"] = jwt.String("azp");
        if (!answer.ContainsKey("username"))
        {
            var user = Guid.TryParse(jwt.String("sub"), out var id) ? realm.Users.ById(id) : null;
            answer["username"] = jwt.String("preferred_username") ?? user?.Username;
        }

        answer["token_type"] = jwt.String("typ");
        answer["active"] = true;
        return answer;
    }

    private bool Live(Realm realm, ParsedJwt jwt)
    {
        if (!Guid.TryParse(jwt.String("sub"), out var id) && jwt.String("sid") is null)
        {
            return false;
        }

        var session = realm.Sessions.BySid(jwt.String("sid"));
        var userId = session?.UserId ?? id;
        if (realm.Users.ById(userId) is not { Enabled: true })
        {
            return false;
        }

        if (jwt.String("sid") is null)
        {
            return true;
        }

        var client = jwt.String("azp") ?? "";
        return realm.IsSessionActive(session, broker.Clock.GetUtcNow()) && session!.HasClient(client) && !session.IssuedBeforeRevocation(client, jwt.Number("iat") ?? 0);
    }
}
