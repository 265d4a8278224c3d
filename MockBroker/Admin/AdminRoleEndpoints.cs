using PbenchAuthSpec.MockBroker.Endpoints;
using PbenchAuthSpec.MockBroker.Fixtures;
using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.MockBroker.Tokens;

namespace PbenchAuthSpec.MockBroker.Admin;

/// <summary>
/// Realm roles (<c>/admin/realms/{realm}/roles</c>) and client roles
/// (<c>…/clients/{id}/roles</c>): create, list, read by name, delete.
/// Keycloak: services/src/main/java/org/keycloak/services/resources/admin/RoleContainerResource.java.
/// </summary>
internal sealed class AdminRoleEndpoints(AdminGuard guard)
{
    public void Map(WebApplication app)
    {
        const string RealmRoles = "/admin/realms/{realm}/roles";
        app.MapPost(RealmRoles, (HttpContext http, string realm) => guard.InRealm(http, realm, r => CreateAsync(http, r, null)));
        app.MapGet(RealmRoles, (HttpContext http, string realm) => guard.InRealm(http, realm, r => BrokerHttp.JsonAsync(http, r.Roles.RealmRolesList(), BrokerJson.Relaxed.IReadOnlyListRoleRepresentation)));
        app.MapGet(RealmRoles + "/{name}", (HttpContext http, string realm, string name) => guard.InRealm(http, realm, r => Found(http, r.Roles.RealmRole(name))));
        app.MapDelete(RealmRoles + "/{name}", (HttpContext http, string realm, string name) => guard.InRealm(http, realm, r =>
            r.Roles.RemoveRealmRole(name) ? AdminGuard.NoContent(http) : AdminGuard.NotFound(http, "Could not find role")));

        const string ClientRoles = "/admin/realms/{realm}/clients/{id}/roles";
        app.MapPost(ClientRoles, (HttpContext http, string realm, string id) => guard.InRealm(http, realm, r => AdminClientEndpoints.WithClient(http, r, id, c => CreateAsync(http, r, c))));
        app.MapGet(ClientRoles, (HttpContext http, string realm, string id) => guard.InRealm(http, realm, r => AdminClientEndpoints.WithClient(http, r, id, c =>
            BrokerHttp.JsonAsync(http, r.Roles.ClientRoles(c.Id!), BrokerJson.Relaxed.IReadOnlyListRoleRepresentation))));
        app.MapGet(ClientRoles + "/{name}", (HttpContext http, string realm, string id, string name) => guard.InRealm(http, realm, r => AdminClientEndpoints.WithClient(http, r, id, c =>
            Found(http, r.Roles.ClientRole(c.Id!, name)))));
        app.MapDelete(ClientRoles + "/{name}", (HttpContext http, string realm, string id, string name) => guard.InRealm(http, realm, r => AdminClientEndpoints.WithClient(http, r, id, c =>
            r.Roles.RemoveClientRole(c.Id!, name) ? AdminGuard.NoContent(http) : AdminGuard.NotFound(http, "Could not find role"))));
    }

    private static Task Found(HttpContext http, RoleRepresentation? role) =>
        role is null ? AdminGuard.NotFound(http, "Could not find role") : BrokerHttp.JsonAsync(http, role, BrokerJson.Relaxed.RoleRepresentation);

    private static async Task CreateAsync(HttpContext http, Realm realm, ClientFixture? client)
    {
        var role = await AdminGuard.ReadAsync(http, BrokerJson.Default.RoleRepresentation);
        if (role is null)
        {
            return;
        }

        if (role.Name.Length == 0)
        {
            await AdminGuard.BadRequest(http, "Role name is required");
            return;
        }

        var conflict = client is null ? realm.Roles.AddRealmRole(role with { Id = null }) : realm.Roles.AddClientRole(client.Id!, role with { Id = null });
        if (conflict is not null)
        {
            await AdminGuard.Conflict(http, conflict);
            return;
        }

        var container = client is null ? AdminGuard.AdminUrl(realm) : $"{AdminGuard.AdminUrl(realm)}/clients/{client.Id}";
        await AdminGuard.Created(http, $"{container}/roles/{Uri.EscapeDataString(role.Name)}");
    }
}
