using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using PbenchAuthSpec.MockBroker.Endpoints;
using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.MockBroker.Tokens;

namespace PbenchAuthSpec.MockBroker.Admin;

/// <summary>
/// What every admin endpoint shares: the bearer check Keycloak makes (a live access token of
/// realm <c>master</c> whose user holds its <c>admin</c> role and whose session is active;
/// Keycloak: services/src/main/java/org/keycloak/services/resources/admin/AdminRoot.java),
/// the realm lookup, JSON bodies, and Keycloak's error shapes.
/// </summary>
internal sealed class AdminGuard(BrokerContext broker, OwnTokens ownTokens)
{
    private const int MaxBodyBytes = 256 * 1024;

    public BrokerContext Broker => broker;

    /// <summary>Runs <paramref name="handler"/> for an authorized caller and an existing realm.</summary>
    public async Task InRealm(HttpContext http, string realmName, Func<Realm, Task> handler)
    {
        if (await AuthorizeAsync(http) is { } refused)
        {
            await refused;
            return;
        }

        await (broker.Realm(realmName) is { } realm ? handler(realm) : NotFound(http, "Realm not found."));
    }

    /// <summary>Runs <paramref name="handler"/> for an authorized caller (no realm in the path).</summary>
    public async Task Authorized(HttpContext http, Func<Task> handler)
    {
        if (await AuthorizeAsync(http) is { } refused)
        {
            await refused;
            return;
        }

        await handler();
    }

    /// <summary>A JSON body of type <typeparamref name="T"/>; null after answering 400 when it is not one.</summary>
    public static async Task<T?> ReadAsync<T>(HttpContext http, JsonTypeInfo<T> type)
        where T : class
    {
        if (!(http.Request.ContentType ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase) || http.Request.ContentLength > MaxBodyBytes)
        {
            await BadRequest(http, "the body must be JSON (Content-Type: application/json, at most 256 KiB)");
            return null;
        }

        try
        {
            if (await JsonSerializer.DeserializeAsync(http.Request.Body, type, http.RequestAborted) is { } value)
            {
                return value;
            }
        }
        catch (JsonException e)
        {
            await BadRequest(http, $"the body is not a {typeof(T).Name.Replace("Fixture", "Representation", StringComparison.Ordinal)}: {BrokerHttp.Short(e.Message)}");
            return null;
        }

        await BadRequest(http, "the body is empty");
        return null;
    }

    /// <summary>
    /// Keycloak's PUT semantics: fields present in the body replace the current ones, absent
    /// fields stay. Null after answering 400.
    /// </summary>
    public static async Task<T?> MergeAsync<T>(HttpContext http, T current, JsonTypeInfo<T> type)
        where T : class
    {
        var patch = await ReadAsync(http, BrokerJson.Default.JsonObject);
        if (patch is null)
        {
            return null;
        }

        var merged = JsonSerializer.SerializeToNode(current, type)!.AsObject();
        foreach (var (name, value) in patch)
        {
            merged[name] = value?.DeepClone();
        }

        try
        {
            return merged.Deserialize(type);
        }
        catch (JsonException e)
        {
            await BadRequest(http, $"the body does not fit: {BrokerHttp.Short(e.Message)}");
            return null;
        }
    }

    public static Task Created(HttpContext http, string location)
    {
        http.Response.Headers.Location = location;
        http.Response.StatusCode = StatusCodes.Status201Created;
        return Task.CompletedTask;
    }

    public static Task NoContent(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    public static Task NotFound(HttpContext http, string what) =>
        Problem(http, StatusCodes.Status404NotFound, "not_found", what);

    public static Task BadRequest(HttpContext http, string what) =>
        Problem(http, StatusCodes.Status400BadRequest, "invalid_request", what);

    /// <summary>Keycloak's ErrorResponse.exists: 409 with <c>errorMessage</c>.</summary>
    public static Task Conflict(HttpContext http, string what) =>
        Problem(http, StatusCodes.Status409Conflict, "conflict", what);

    /// <summary>Keycloak's admin error body (<c>errorMessage</c>), with the OAuth fields every other MockBroker refusal has.</summary>
    public static Task Problem(HttpContext http, int status, string error, string message) =>
        BrokerHttp.JsonAsync(http, new JsonObject { ["error"] = error, ["error_description"] = message, ["errorMessage"] = message }, BrokerJson.Relaxed.JsonObject, status);

    /// <summary>The admin URL of a realm: <c>{base}/admin/realms/{realm}</c>.</summary>
    public static string AdminUrl(Realm realm) => realm.Urls.Issuer.Replace("/realms/", "/admin/realms/", StringComparison.Ordinal);

    // RFC 6750 §3.1: no or invalid token is 401; a valid token without the admin role is 403.
    private async Task<Task?> AuthorizeAsync(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        var master = broker.Realm("master");
        if (master is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"master\"";
            return BrokerHttp.ErrorAsync(http, "invalid_token", "HTTP 401 Unauthorized: a bearer token from realm master is required", StatusCodes.Status401Unauthorized);
        }

        var check = await ownTokens.AccessAsync(master, header[7..].Trim());
        var user = check.Jwt is { } jwt && Guid.TryParse(jwt.String("sub"), out var id) ? master.Users.ById(id) : null;
        if (check.Jwt is null || user is not { Enabled: true } || !master.IsSessionActive(master.Sessions.BySid(check.Jwt.String("sid")), broker.Clock.GetUtcNow()))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"master\", error=\"invalid_token\"";
            return BrokerHttp.ErrorAsync(http, "invalid_token", $"HTTP 401 Unauthorized: {check.Error ?? "the token's session has ended"}", StatusCodes.Status401Unauthorized);
        }

        return user.RealmRoles.Contains("admin", StringComparer.Ordinal)
            ? null
            : BrokerHttp.ErrorAsync(http, "insufficient_scope", "HTTP 403 Forbidden: the user lacks the master realm's admin role", StatusCodes.Status403Forbidden);
    }
}
