using System.Text.Json;
using System.Text.Json.Nodes;
using PbenchAuthSpec.MockBroker.Endpoints;
using PbenchAuthSpec.MockBroker.Fixtures;
using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.MockBroker.State;
using PbenchAuthSpec.MockBroker.Tokens;

namespace PbenchAuthSpec.MockBroker.Admin;

/// <summary>
/// A user's role mappings: <c>…/users/{id}/role-mappings</c> (all), <c>/realm</c> and
/// <c>/clients/{client id}</c> (list, add, remove; bodies are lists of RoleRepresentation, found
/// by id, else by name). Keycloak:
/// services/src/main/java/org/keycloak/services/resources/admin/RoleMapperResource.java and ClientRoleMappingsResource.java.
/// </summary>
internal sealed class AdminRoleMappingEndpoints(AdminGuard guard)
{
    private const string Base = "/admin/realms/{realm}/users/{id}/role-mappings";

    public void Map(WebApplication app)
    {
        app.MapGet(Base, (HttpContext http, string realm, string id) => guard.InRealm(http, realm, r => AdminUserEndpoints.WithUser(http, r, id, u =>
            BrokerHttp.JsonAsync(http, All(r, u), BrokerJson.Relaxed.JsonObject))));
        app.MapGet(Base + "/realm", (HttpContext http, string realm, string id) => guard.InRealm(http, realm, r => AdminUserEndpoints.WithUser(http, r, id, u =>
            BrokerHttp.JsonAsync(http, RealmRolesOf(r, u), BrokerJson.Relaxed.ListRoleRepresentation))));
        app.MapPost(Base + "/realm", (HttpContext http, string realm, string id) => guard.InRealm(http, realm, r => AdminUserEndpoints.WithUser(http, r, id, u => ChangeAsync(http, r, u, null, add: true))));
        app.MapDelete(Base + "/realm", (HttpContext http, string realm, string id) => guard.InRealm(http, realm, r => AdminUserEndpoints.WithUser(http, r, id, u => ChangeAsync(http, r, u, null, add: false))));
        app.MapGet(Base + "/clients/{client}", (HttpContext http, string realm, string id, string client) => guard.InRealm(http, realm, r => AdminUserEndpoints.WithUser(http, r, id, u =>
            AdminClientEndpoints.WithClient(http, r, client, c => BrokerHttp.JsonAsync(http, ClientRolesOf(r, u, c), BrokerJson.Relaxed.ListRoleRepresentation)))));
        app.MapPost(Base + "/clients/{client}", (HttpContext http, string realm, string id, string client) => guard.InRealm(http, realm, r => AdminUserEndpoints.WithUser(http, r, id, u =>
            AdminClientEndpoints.WithClient(http, r, client, c => ChangeAsync(http, r, u, c, add: true)))));
        app.MapDelete(Base + "/clients/{client}", (HttpContext http, string realm, string id, string client) => guard.InRealm(http, realm, r => AdminUserEndpoints.WithUser(http, r, id, u =>
            AdminClientEndpoints.WithClient(http, r, client, c => ChangeAsync(http, r, u, c, add: false)))));
    }

    private static List<RoleRepresentation> RealmRolesOf(Realm realm, BrokerUser user) =>
        user.RealmRoles.Append($"default-roles-{realm.Name}").Distinct(StringComparer.Ordinal).Select(realm.Roles.RealmRole).OfType<RoleRepresentation>().ToList();

    private static List<RoleRepresentation> ClientRolesOf(Realm realm, BrokerUser user, ClientFixture client) =>
        (user.ClientRoles.GetValueOrDefault(client.ClientId) ?? []).Select(n => realm.Roles.ClientRole(client.Id!, n)).OfType<RoleRepresentation>().ToList();

    // Keycloak's MappingsRepresentation: realmMappings and clientMappings by clientId.
    private static JsonObject All(Realm realm, BrokerUser user)
    {
        var clients = new JsonObject();
        foreach (var clientId in user.ClientRoles.Keys)
        {
            if (realm.Clients.GetValueOrDefault(clientId) is { } client && ClientRolesOf(realm, user, client) is { Count: > 0 } roles)
            {
                clients[clientId] = new JsonObject { ["id"] = client.Id, ["client"] = clientId, ["mappings"] = JsonSerializer.SerializeToNode(roles, BrokerJson.Relaxed.ListRoleRepresentation) };
            }
        }

        var all = new JsonObject { ["realmMappings"] = JsonSerializer.SerializeToNode(RealmRolesOf(realm, user), BrokerJson.Relaxed.ListRoleRepresentation) };
        if (clients.Count > 0)
        {
            all["clientMappings"] = clients;
        }

        return all;
    }

    private static async Task ChangeAsync(HttpContext http, Realm realm, BrokerUser user, ClientFixture? client, bool add)
    {
        var roles = await AdminGuard.ReadAsync(http, BrokerJson.Default.ListRoleRepresentation);
        if (roles is null)
        {
            return;
        }

        var names = new List<string>();
        foreach (var role in roles)
        {
            var known = client is null
                ? realm.Roles.RealmRolesList().FirstOrDefault(r => r.Id == role.Id) ?? realm.Roles.RealmRole(role.Name)
                : realm.Roles.ClientRoles(client.Id!).FirstOrDefault(r => r.Id == role.Id) ?? realm.Roles.ClientRole(client.Id!, role.Name);
            if (known is null)
            {
                await AdminGuard.NotFound(http, "Role not found");
                return;
            }

            names.Add(known.Name);
        }

        var current = realm.Users.ById(user.Id) ?? user;
        var changed = names.Aggregate(current, (u, name) => (client, add) switch
        {
            (null, true) => u.WithRealmRole(name),
            (null, false) => u with { RealmRoles = u.RealmRoles.Where(r => r != name).ToList() },
            (_, true) => u.WithClientRole(client.ClientId, name),
            (_, false) => u.WithoutClientRole(client.ClientId, name),
        });
        realm.Users.Update(changed);
        await AdminGuard.NoContent(http);
    }
}
