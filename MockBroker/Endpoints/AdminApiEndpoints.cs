using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.MockBroker.State;
using PbenchAuthSpec.MockBroker.Tokens;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Endpoints;

/// <summary>
/// The subset of Keycloak's admin REST API the spec reads (step 11): users and their federated
/// identities. Bearer tokens from realm <c>master</c> whose user holds the realm role <c>admin</c>.
/// </summary>
internal sealed class AdminApiEndpoints(BrokerContext broker, OwnTokens ownTokens)
{
    private const int MaxBodyBytes = 64 * 1024;

    public void Map(WebApplication app)
    {
        app.MapGet("/admin/realms/{realm}/users", (HttpContext http, string realm) => Guarded(http, realm, SearchAsync));
        app.MapPost("/admin/realms/{realm}/users", (HttpContext http, string realm) => Guarded(http, realm, CreateAsync));
        app.MapGet("/admin/realms/{realm}/users/{id}", (HttpContext http, string realm, string id) =>
            Guarded(http, realm, (h, r) => WithUser(h, r, id, u => BrokerHttp.JsonAsync(h, UserRepresentation.From(u) with { FederatedIdentities = u.FederatedIdentities }, BrokerJson.Relaxed.UserRepresentation))));
        app.MapGet("/admin/realms/{realm}/users/{id}/federated-identity", (HttpContext http, string realm, string id) =>
            Guarded(http, realm, (h, r) => WithUser(h, r, id, u => BrokerHttp.JsonAsync(h, u.FederatedIdentities, BrokerJson.Relaxed.IReadOnlyListFederatedIdentity))));
    }

    /// <summary>Runs <paramref name="handler"/> for a master-realm admin (401/403 otherwise) on an existing realm (404 otherwise).</summary>
    internal async Task Guarded(HttpContext http, string realmName, Func<HttpContext, Realm, Task> handler)
    {
        if (Authorize(http) is { } problem)
        {
            await problem;
            return;
        }

        await (broker.Realm(realmName) is { } realm ? handler(http, realm) : BrokerHttp.RealmNotFoundAsync(http, realmName));
    }

    // RFC 6750 §3.1: no or invalid token is 401; a valid token without the admin role is 403.
    private Task? Authorize(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        var master = broker.Realm("master");
        if (master is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"master\"";
            return BrokerHttp.ErrorAsync(http, "invalid_token", "HTTP 401 Unauthorized: a bearer token from realm master is required", StatusCodes.Status401Unauthorized);
        }

        var check = ownTokens.Access(master, header[7..].Trim());
        var user = check.Jwt is { } jwt && Guid.TryParse(jwt.String("sub"), out var id) ? master.Users.ById(id) : null;
        if (check.Jwt is null || user is null || !master.IsSessionActive(master.Sessions.BySid(check.Jwt.String("sid")), broker.Clock.GetUtcNow()))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"master\", error=\"invalid_token\"";
            return BrokerHttp.ErrorAsync(http, "invalid_token", $"HTTP 401 Unauthorized: {check.Error ?? "the token's session has ended"}", StatusCodes.Status401Unauthorized);
        }

        return user.RealmRoles.Contains("admin", StringComparer.Ordinal)
            ? null
            : BrokerHttp.ErrorAsync(http, "insufficient_scope", "HTTP 403 Forbidden: the user lacks the master realm's admin role", StatusCodes.Status403Forbidden);
    }

    /// <summary>Keycloak: <c>username</c>/<c>email</c> match by substring unless <c>exact=true</c>; <c>first</c>/<c>max</c> page.</summary>
    private static Task SearchAsync(HttpContext http, Realm realm)
    {
        var query = ProtocolParameters.FromQuery(http.Request);
        if (query.Parameters is not { } p)
        {
            return BrokerHttp.ErrorAsync(http, "invalid_request", query.Error!);
        }

        if (!TryInt(p["first"], 0, out var first) || !TryInt(p["max"], 100, out var max) || p["exact"] is not (null or "true" or "false"))
        {
            return BrokerHttp.ErrorAsync(http, "invalid_request", "first and max must be non-negative integers, exact true or false");
        }

        var exact = p["exact"] == "true";
        var search = p["search"];
        var users = realm.Users.All().Where(u =>
            Matches(u.Username, p["username"], exact) && Matches(u.Email, p["email"], exact) &&
            (search is null || Matches(u.Username, search, false) || Matches(u.Email, search, false)));
        return BrokerHttp.JsonAsync(http, users.Skip(first).Take(max).Select(UserRepresentation.From).ToList(), BrokerJson.Relaxed.ListUserRepresentation);
    }

    private async Task CreateAsync(HttpContext http, Realm realm)
    {
        UserRepresentation? body;
        try
        {
            if (!(http.Request.ContentType ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase) || http.Request.ContentLength > MaxBodyBytes)
            {
                await BrokerHttp.ErrorAsync(http, "invalid_request", "the body must be a JSON UserRepresentation (Content-Type: application/json, at most 64 KiB)");
                return;
            }

            body = await JsonSerializer.DeserializeAsync(http.Request.Body, BrokerJson.Default.UserRepresentation, http.RequestAborted);
        }
        catch (JsonException e)
        {
            await BrokerHttp.ErrorAsync(http, "invalid_request", $"the body is not a UserRepresentation: {BrokerHttp.Short(e.Message)}");
            return;
        }

        if (body?.Username is not { Length: > 0 and <= 255 } username)
        {
            await BrokerHttp.ErrorAsync(http, "invalid_request", "username is required");
            return;
        }

        var user = new BrokerUser
        {
            Id = Guid.NewGuid(),
            Username = username.ToLowerInvariant(),
            Email = body.Email,
            FirstName = body.FirstName,
            LastName = body.LastName,
            Enabled = body.Enabled ?? false,
            EmailVerified = body.EmailVerified ?? false,
            Password = body.Credentials?.FirstOrDefault(c => c.Type == "password")?.Value,
            CreatedTimestamp = broker.Clock.GetUtcNow().ToUnixTimeMilliseconds(),
            FederatedIdentities = body.FederatedIdentities ?? [],
        };
        if (realm.Users.TryAdd(user) is { } conflict)
        {
            // Keycloak: 409 with {"errorMessage": ...}; the OAuth-style fields are added for uniform error handling.
            await BrokerHttp.JsonAsync(http, new Dictionary<string, string> { ["error"] = "conflict", ["error_description"] = conflict, ["errorMessage"] = conflict }, BrokerJson.Relaxed.DictionaryStringString, StatusCodes.Status409Conflict);
            return;
        }

        http.Response.Headers.Location = $"{broker.Realm(realm.Name)!.Urls.Issuer.Replace("/realms/", "/admin/realms/", StringComparison.Ordinal)}/users/{user.Id}";
        http.Response.StatusCode = StatusCodes.Status201Created;
    }

    private static Task WithUser(HttpContext http, Realm realm, string id, Func<BrokerUser, Task> found) =>
        Guid.TryParse(id, out var guid) && realm.Users.ById(guid) is { ServiceAccountClientId: null } user
            ? found(user)
            : BrokerHttp.ErrorAsync(http, "not_found", "User not found", StatusCodes.Status404NotFound);

    private static bool Matches(string? value, string? wanted, bool exact) =>
        wanted is null || (value is not null && (exact ? string.Equals(value, wanted, StringComparison.OrdinalIgnoreCase) : value.Contains(wanted, StringComparison.OrdinalIgnoreCase)));

    private static bool TryInt(string? text, int fallback, out int value)
    {
        value = fallback;
        return text is null || (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value) && value >= 0);
    }
}
