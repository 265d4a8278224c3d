using System.Text.Json;
using System.Text.Json.Nodes;
using PbenchAuthSpec.MockBroker.Endpoints;
using PbenchAuthSpec.MockBroker.Fixtures;
using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.MockBroker.Tokens;

namespace PbenchAuthSpec.MockBroker.Admin;

/// <summary>
/// <c>/admin/realms</c>: create (a RealmRepresentation, as Keycloak's partial import reads it:
/// settings, clients, client scopes, users, identity providers), read, list and delete realms.
/// Keycloak: services/src/main/java/org/keycloak/services/resources/admin/RealmsAdminResource.java
/// and RealmAdminResource.java.
/// </summary>
internal sealed class AdminRealmEndpoints(AdminGuard guard)
{
    public void Map(WebApplication app)
    {
        app.MapPost("/admin/realms", new RequestDelegate(http => guard.Authorized(http, () => CreateAsync(http))));
        app.MapGet("/admin/realms", new RequestDelegate(http => guard.Authorized(http, () =>
            BrokerHttp.JsonAsync(http, new JsonArray(guard.Broker.Realms.Values.OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => (JsonNode)Representation(r)).ToArray()), BrokerJson.Relaxed.JsonArray))));
        app.MapGet("/admin/realms/{realm}", (HttpContext http, string realm) => guard.InRealm(http, realm, r => BrokerHttp.JsonAsync(http, Representation(r), BrokerJson.Relaxed.JsonObject)));
        app.MapDelete("/admin/realms/{realm}", (HttpContext http, string realm) => guard.InRealm(http, realm, r => DeleteAsync(http, r)));
    }

    private static JsonObject Representation(Realm realm) => new()
    {
        ["id"] = realm.Id,
        ["realm"] = realm.Name,
        ["enabled"] = realm.Fixture.Enabled,
        ["accessTokenLifespan"] = (long)realm.Lifetimes.AccessToken.TotalSeconds,
        ["ssoSessionIdleTimeout"] = (long)realm.Lifetimes.SessionIdle.TotalSeconds,
        ["ssoSessionMaxLifespan"] = (long)realm.Lifetimes.SessionMax.TotalSeconds,
        ["accessCodeLifespan"] = (long)realm.Lifetimes.Code.TotalSeconds,
        ["revokeRefreshToken"] = realm.RevokeRefreshToken,
        ["defaultDefaultClientScopes"] = new JsonArray(realm.ClientScopes.Defaults.Select(n => (JsonNode)JsonValue.Create(n)).ToArray()),
    };

    private async Task CreateAsync(HttpContext http)
    {
        var body = await AdminGuard.ReadAsync(http, BrokerJson.Default.JsonObject);
        if (body is null)
        {
            return;
        }

        RealmFixture fixture;
        try
        {
            fixture = RealmImport.FromRepresentation(body);
            FixtureLoader.Validate(new BrokerFixture { Realms = [fixture] }, "the RealmRepresentation");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            await AdminGuard.BadRequest(http, e.Message.Replace("; fix the fixture.", "", StringComparison.Ordinal));
            return;
        }

        var realm = guard.Broker.NewRealm(fixture);
        if (!guard.Broker.TryAddRealm(realm))
        {
            await AdminGuard.Conflict(http, $"Conflict detected. See logs for details: realm {fixture.Realm} already exists");
            return;
        }

        await AdminGuard.Created(http, AdminGuard.AdminUrl(realm));
    }

    private Task DeleteAsync(HttpContext http, Realm realm)
    {
        // Keycloak refuses to delete the admin realm: every admin token comes from it.
        if (realm.IsMaster)
        {
            return AdminGuard.BadRequest(http, "Can't delete master realm");
        }

        guard.Broker.RemoveRealm(realm.Name);
        return AdminGuard.NoContent(http);
    }
}
