using System.Text.Json;
using System.Text.Json.Nodes;
using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.MockBroker.Tokens;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Endpoints;

/// <summary><c>…/protocol/openid-connect/userinfo</c> (OIDC Core §5.3), guarded as an RFC 6750 protected resource.</summary>
internal sealed class UserinfoEndpoint(BrokerContext broker, BrokerCors cors, OwnTokens ownTokens)
{
    public void Map(IEndpointRouteBuilder realms)
    {
        realms.MapGet(RealmRoutes.Userinfo, (HttpContext http) => HandleAsync(http, RealmRoutes.Of(http)));
        realms.MapPost(RealmRoutes.Userinfo, (HttpContext http) => HandleAsync(http, RealmRoutes.Of(http)));
    }

    private async Task HandleAsync(HttpContext http, Realm realm)
    {
        var (token, problem) = await ReadTokenAsync(http.Request);
        if (token is null)
        {
            cors.ForRealm(http, realm);
            await Unauthorized(http, realm, "invalid_request", problem);
            return;
        }

        var check = await ownTokens.AccessAsync(realm, token);
        if (check.Jwt is not { } jwt)
        {
            cors.ForRealm(http, realm);
            await Unauthorized(http, realm, "invalid_token", $"Token verification failed: {check.Error}");
            return;
        }

        cors.ForOrigins(http, realm, AllowedOrigins(jwt));
        // Keycloak 20+ (services/src/main/java/org/keycloak/protocol/oidc/endpoints/UserInfoEndpoint.java):
        // userinfo is an OpenID Connect resource; a token without the openid scope is 403.
        if (!Scopes.HasOpenId(jwt.String("scope") ?? ""))
        {
            http.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{realm.Name}\", error=\"insufficient_scope\", error_description=\"Missing openid scope\"";
            await BrokerHttp.ErrorAsync(http, "insufficient_scope", "Missing openid scope", StatusCodes.Status403Forbidden);
            return;
        }

        var user = Guid.TryParse(jwt.String("sub"), out var id) ? realm.Users.ById(id) : null;
        if (user is not { Enabled: true } || !SessionStillHasClient(realm, jwt))
        {
            await Unauthorized(http, realm, "invalid_token", "User session not found or doesn't have client attached on it");
            return;
        }

        var claims = new JsonObject { ["sub"] = user.Id.ToString(), ["email_verified"] = user.EmailVerified };
        Add(claims, "name", user.FullName);
        Add(claims, "preferred_username", user.Username);
        Add(claims, "given_name", user.FirstName);
        Add(claims, "family_name", user.LastName);
        Add(claims, "email", user.Email);
        await BrokerHttp.JsonAsync(http, claims, BrokerJson.Relaxed.JsonObject, noStore: true);
    }

    // Keycloak: the token's session must be alive and still hold the client's session; a replayed
    // code detaches it (RFC 6749 §4.1.2: what the code gave is revoked), so its access tokens die too.
    private bool SessionStillHasClient(Realm realm, ParsedJwt jwt)
    {
        if (jwt.String("sid") is not { } sid)
        {
            return true;
        }

        var session = realm.Sessions.BySid(sid);
        return realm.IsSessionActive(session, broker.Clock.GetUtcNow())
            && !(jwt.String("azp") is { } clientId && session!.IssuedBeforeRevocation(clientId, jwt.Number("iat") ?? 0));
    }

    // RFC 6750 §2.1 (header) and §2.2 (form body); one method only (§2).
    private static async Task<(string? Token, string Problem)> ReadTokenAsync(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        var fromHeader = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
        string? fromForm = null;
        if (HttpMethods.IsPost(request.Method) && request.HasFormContentType)
        {
            var form = await ProtocolParameters.FromFormAsync(request);
            if (form.Parameters is null)
            {
                return (null, form.Error!);
            }

            fromForm = form.Parameters["access_token"];
        }

        if (fromHeader is { Length: > 0 } && fromForm is not null)
        {
            return (null, "the access token was sent in more than one way");
        }

        var token = fromHeader is { Length: > 0 } ? fromHeader : fromForm;
        return token is null ? (null, "Token not provided") : (token, "");
    }

    private static Task Unauthorized(HttpContext http, Realm realm, string error, string description)
    {
        // RFC 6750 §3: the challenge names the error.
        http.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{realm.Name}\", error=\"{error}\", error_description=\"{description.Replace("\"", "'", StringComparison.Ordinal)}\"";
        return BrokerHttp.ErrorAsync(http, error, description, StatusCodes.Status401Unauthorized);
    }

    private static List<string> AllowedOrigins(ParsedJwt jwt) =>
        jwt.Payload.TryGetProperty("allowed-origins", out var origins) && origins.ValueKind == JsonValueKind.Array
            ? origins.EnumerateArray().Where(o => o.ValueKind == JsonValueKind.String).Select(o => o.GetString()!).ToList()
            : [];

    private static void Add(JsonObject claims, string name, string? value)
    {
        if (value is not null)
        {
            claims[name] = value;
        }
    }
}
