using System.Text.Json.Nodes;
using PbenchAuthSpec.MockBroker.Endpoints;
using PbenchAuthSpec.MockBroker.Fixtures;
using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.MockBroker.Tokens;

namespace PbenchAuthSpec.MockBroker.Admin;

/// <summary>
/// <c>/admin/realms/{realm}/client-scopes</c> with their protocol mappers, and the realm's
/// default client scopes (what new clients get). Keycloak:
/// services/src/main/java/org/keycloak/services/resources/admin/ClientScopesResource.java,
/// ProtocolMappersResource.java and RealmAdminResource.java (default-default-client-scopes).
/// </summary>
internal sealed class AdminClientScopeEndpoints(AdminGuard guard)
{
    private const string Base = "/admin/realms/{realm}/client-scopes";

    public void Map(WebApplication app)
    {
        app.MapPost(Base, (HttpContext http, string realm) => guard.InRealm(http, realm, r => CreateAsync(http, r)));
        app.MapGet(Base, (HttpContext http, string realm) => guard.InRealm(http, realm, r => BrokerHttp.JsonAsync(http, r.ClientScopes.All(), BrokerJson.Relaxed.IReadOnlyListClientScopeRepresentation)));
        app.MapGet(Base + "/{id}", (HttpContext http, string realm, string id) => guard.InRealm(http, realm, r => WithScope(http, r, id, s => BrokerHttp.JsonAsync(http, s, BrokerJson.Relaxed.ClientScopeRepresentation))));
        app.MapDelete(Base + "/{id}", (HttpContext http, string realm, string id) => guard.InRealm(http, realm, r => WithScope(http, r, id, s =>
        {
            r.ClientScopes.Remove(s.Id!);
            return AdminGuard.NoContent(http);
        })));
        app.MapPost(Base + "/{id}/protocol-mappers/models", (HttpContext http, string realm, string id) => guard.InRealm(http, realm, r => WithScope(http, r, id, s => AddMapperAsync(http, r, s))));
        app.MapGet(Base + "/{id}/protocol-mappers/models", (HttpContext http, string realm, string id) => guard.InRealm(http, realm, r => WithScope(http, r, id, s =>
            BrokerHttp.JsonAsync(http, s.ProtocolMappers, BrokerJson.Relaxed.IReadOnlyListProtocolMapperRepresentation))));

        const string Defaults = "/admin/realms/{realm}/default-default-client-scopes";
        app.MapGet(Defaults, (HttpContext http, string realm) => guard.InRealm(http, realm, r => BrokerHttp.JsonAsync(
            http, new JsonArray(r.ClientScopes.Defaults.Select(r.ClientScopes.ByName).OfType<ClientScopeRepresentation>().Select(s => (JsonNode)new JsonObject { ["id"] = s.Id, ["name"] = s.Name }).ToArray()), BrokerJson.Relaxed.JsonArray)));
        app.MapPut(Defaults + "/{id}", (HttpContext http, string realm, string id) => guard.InRealm(http, realm, r => WithScope(http, r, id, s =>
        {
            r.ClientScopes.SetDefault(s.Name, true);
            return AdminGuard.NoContent(http);
        })));
        app.MapDelete(Defaults + "/{id}", (HttpContext http, string realm, string id) => guard.InRealm(http, realm, r => WithScope(http, r, id, s =>
        {
            r.ClientScopes.SetDefault(s.Name, false);
            return AdminGuard.NoContent(http);
        })));
    }

    private static Task WithScope(HttpContext http, Realm realm, string id, Func<ClientScopeRepresentation, Task> found) =>
        realm.ClientScopes.ById(id) is { } scope ? found(scope) : AdminGuard.NotFound(http, "Could not find client scope");

    private static async Task CreateAsync(HttpContext http, Realm realm)
    {
        var scope = await AdminGuard.ReadAsync(http, BrokerJson.Default.ClientScopeRepresentation);
        if (scope is null)
        {
            return;
        }

        // Keycloak: a scope name is a single token of the scope parameter (RFC 6749 §3.3).
        if (scope.Name.Length == 0 || scope.Name.Any(c => c is ' ' or '"' or '\\' || char.IsControl(c)))
        {
            await AdminGuard.BadRequest(http, "Unexpected name \"" + BrokerHttp.Short(scope.Name) + "\" for ClientScope");
            return;
        }

        var (added, conflict) = realm.ClientScopes.Add(scope with { Id = null });
        if (added is null)
        {
            await AdminGuard.Conflict(http, conflict!);
            return;
        }

        await AdminGuard.Created(http, $"{AdminGuard.AdminUrl(realm)}/client-scopes/{added.Id}");
    }

    private static async Task AddMapperAsync(HttpContext http, Realm realm, ClientScopeRepresentation scope)
    {
        var mapper = await AdminGuard.ReadAsync(http, BrokerJson.Default.ProtocolMapperRepresentation);
        if (mapper is null)
        {
            return;
        }

        if (scope.ProtocolMappers.Any(m => m.Name == mapper.Name))
        {
            await AdminGuard.Conflict(http, "Protocol mapper exists with same name");
            return;
        }

        var added = mapper with { Id = Guid.NewGuid().ToString() };
        realm.ClientScopes.Replace(scope with { ProtocolMappers = [.. scope.ProtocolMappers, added] });
        await AdminGuard.Created(http, $"{AdminGuard.AdminUrl(realm)}/client-scopes/{scope.Id}/protocol-mappers/models/{added.Id}");
    }
}
