using System.Security.Cryptography;
using System.Text.Json.Nodes;
using PbenchAuthSpec.MockBroker.Endpoints;
using PbenchAuthSpec.MockBroker.Fixtures;
using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.MockBroker.State;
using PbenchAuthSpec.MockBroker.Tokens;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Admin;

/// <summary>
/// <c>/admin/realms/{realm}/clients</c>: create, list (by <c>clientId</c>), read, update and
/// delete clients, their protocol mappers and their default/optional client scopes.
/// Keycloak: services/src/main/java/org/keycloak/services/resources/admin/ClientsResource.java,
/// ClientResource.java and ClientScopeEvaluateResource's neighbours for scopes.
/// </summary>
internal sealed class AdminClientEndpoints(AdminGuard guard)
{
    private const string Base = "/admin/realms/{realm}/clients";

    public void Map(WebApplication app)
    {
        app.MapPost(Base, (HttpContext http, string realm) => guard.InRealm(http, realm, r => CreateAsync(http, r)));
        app.MapGet(Base, (HttpContext http, string realm) => guard.InRealm(http, realm, r => ListAsync(http, r)));
        app.MapGet(Base + "/{id}", (HttpContext http, string realm, string id) => guard.InRealm(http, realm, r => WithClient(http, r, id, c => BrokerHttp.JsonAsync(http, c, BrokerJson.Relaxed.ClientFixture))));
        app.MapPut(Base + "/{id}", (HttpContext http, string realm, string id) => guard.InRealm(http, realm, r => WithClient(http, r, id, c => UpdateAsync(http, r, c))));
        app.MapDelete(Base + "/{id}", (HttpContext http, string realm, string id) => guard.InRealm(http, realm, r => WithClient(http, r, id, c => DeleteAsync(http, r, c))));
        app.MapGet(Base + "/{id}/client-secret", (HttpContext http, string realm, string id) => guard.InRealm(http, realm, r => WithClient(http, r, id, c =>
            BrokerHttp.JsonAsync(http, new JsonObject { ["type"] = "secret", ["value"] = c.Secret }, BrokerJson.Relaxed.JsonObject))));
        app.MapPost(Base + "/{id}/protocol-mappers/models", (HttpContext http, string realm, string id) => guard.InRealm(http, realm, r => WithClient(http, r, id, c => AddMapperAsync(http, r, c))));
        app.MapGet(Base + "/{id}/protocol-mappers/models", (HttpContext http, string realm, string id) => guard.InRealm(http, realm, r => WithClient(http, r, id, c =>
            BrokerHttp.JsonAsync(http, c.ProtocolMappers, BrokerJson.Relaxed.IReadOnlyListProtocolMapperRepresentation))));
        foreach (var kind in new[] { "default", "optional" })
        {
            app.MapGet($"{Base}/{{id}}/{kind}-client-scopes", (HttpContext http, string realm, string id) => guard.InRealm(http, realm, r => WithClient(http, r, id, c =>
                BrokerHttp.JsonAsync(http, ScopeRefs(r, kind == "default" ? Scopes.DefaultsOf(r, c) : Scopes.OptionalsOf(r, c)), BrokerJson.Relaxed.JsonArray))));
            app.MapPut($"{Base}/{{id}}/{kind}-client-scopes/{{scopeId}}", (HttpContext http, string realm, string id, string scopeId) => guard.InRealm(http, realm, r => WithClient(http, r, id, c => LinkScopeAsync(http, r, c, scopeId, kind, add: true))));
            app.MapDelete($"{Base}/{{id}}/{kind}-client-scopes/{{scopeId}}", (HttpContext http, string realm, string id, string scopeId) => guard.InRealm(http, realm, r => WithClient(http, r, id, c => LinkScopeAsync(http, r, c, scopeId, kind, add: false))));
        }
    }

    /// <summary>Keycloak generates a secret for a confidential client created without one.</summary>
    public static ClientFixture WithSecret(ClientFixture client) =>
        client.PublicClient || client.BearerOnly || !string.IsNullOrEmpty(client.Secret) ? client : client with { Secret = Base64UrlSecret() };

    public static Task WithClient(HttpContext http, Realm realm, string id, Func<ClientFixture, Task> found) =>
        realm.ClientRegistry.ById(id) is { } client ? found(client) : AdminGuard.NotFound(http, "Could not find client");

    private static string Base64UrlSecret() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));

    private static async Task CreateAsync(HttpContext http, Realm realm)
    {
        var body = await AdminGuard.ReadAsync(http, BrokerJson.Default.ClientFixture);
        if (body is null)
        {
            return;
        }

        if (body.ClientId.Length == 0)
        {
            await AdminGuard.BadRequest(http, "Client id is required");
            return;
        }

        // Keycloak copies the realm's default (and optional) client scopes into a new client unless
        // the body names its own, and ignores names that are no client scope of the realm
        // (services/src/main/java/org/keycloak/models/utils/RepresentationToModel.java, createClient).
        var client = KeycloakClients.Normalize(WithSecret(body) with
        {
            ProtocolMappers = WithIds(body.ProtocolMappers),
            DefaultClientScopes = (body.DefaultClientScopes ?? (body.OptionalClientScopes is null ? realm.ClientScopes.Defaults : [])).Where(n => realm.ClientScopes.ByName(n) is not null).ToList(),
            OptionalClientScopes = (body.OptionalClientScopes ?? (body.DefaultClientScopes is null ? realm.ClientScopes.Optionals : [])).Where(n => realm.ClientScopes.ByName(n) is not null).ToList(),
        }, realm.Name, Guid.NewGuid().ToString());
        if (realm.ClientRegistry.Add(client) is { } conflict)
        {
            await AdminGuard.Conflict(http, conflict);
            return;
        }

        AddServiceAccount(realm, client);
        await AdminGuard.Created(http, $"{AdminGuard.AdminUrl(realm)}/clients/{client.Id}");
    }

    // Keycloak: clientId matches exactly unless search=true; first/max page.
    private static Task ListAsync(HttpContext http, Realm realm)
    {
        var query = ProtocolParameters.FromQuery(http.Request);
        if (query.Parameters is not { } p)
        {
            return AdminGuard.BadRequest(http, query.Error!);
        }

        var search = p["search"] == "true";
        var clients = realm.Clients.Values
            .Where(c => p["clientId"] is not { } wanted || (search ? c.ClientId.Contains(wanted, StringComparison.OrdinalIgnoreCase) : c.ClientId == wanted))
            .OrderBy(c => c.ClientId, StringComparer.Ordinal)
            .Skip(int.TryParse(p["first"], out var first) && first > 0 ? first : 0)
            .Take(int.TryParse(p["max"], out var max) && max >= 0 ? max : 100)
            .ToList();
        return BrokerHttp.JsonAsync(http, clients, BrokerJson.Relaxed.ListClientFixture);
    }

    private static async Task UpdateAsync(HttpContext http, Realm realm, ClientFixture current)
    {
        var merged = await AdminGuard.MergeAsync(http, current, BrokerJson.Default.ClientFixture);
        if (merged is null)
        {
            return;
        }

        // Keycloak's updateClient sets each attribute of the body and keeps the others.
        var attributes = new Dictionary<string, string>(current.Attributes, StringComparer.Ordinal);
        foreach (var (name, value) in merged.Attributes)
        {
            attributes[name] = value;
        }

        var client = KeycloakClients.Normalize(WithSecret(merged) with { Id = current.Id, Attributes = attributes, ProtocolMappers = WithIds(merged.ProtocolMappers) }, realm.Name);
        if (realm.ClientRegistry.Replace(client) is { } conflict)
        {
            await AdminGuard.Conflict(http, conflict);
            return;
        }

        AddServiceAccount(realm, client);
        await AdminGuard.NoContent(http);
    }

    private static Task DeleteAsync(HttpContext http, Realm realm, ClientFixture client)
    {
        realm.ClientRegistry.Remove(client.Id!);
        realm.Roles.RemoveClient(client.Id!);
        // Keycloak: a client's roles go with it, and so do the users' mappings of them.
        foreach (var user in realm.Users.All().Where(u => u.ClientRoles.ContainsKey(client.ClientId)))
        {
            realm.Users.Update((user.ClientRoles[client.ClientId]).Aggregate(user, (u, role) => u.WithoutClientRole(client.ClientId, role)));
        }

        return AdminGuard.NoContent(http);
    }

    private static async Task AddMapperAsync(HttpContext http, Realm realm, ClientFixture client)
    {
        var mapper = await AdminGuard.ReadAsync(http, BrokerJson.Default.ProtocolMapperRepresentation);
        if (mapper is null)
        {
            return;
        }

        if (client.ProtocolMappers.Any(m => m.Name == mapper.Name))
        {
            await AdminGuard.Conflict(http, $"Protocol mapper exists with same name");
            return;
        }

        var added = mapper with { Id = Guid.NewGuid().ToString() };
        realm.ClientRegistry.Replace(client with { ProtocolMappers = [.. client.ProtocolMappers, added] });
        await AdminGuard.Created(http, $"{AdminGuard.AdminUrl(realm)}/clients/{client.Id}/protocol-mappers/models/{added.Id}");
    }

    private static Task LinkScopeAsync(HttpContext http, Realm realm, ClientFixture client, string scopeId, string kind, bool add)
    {
        if (realm.ClientScopes.ById(scopeId) is not { } scope)
        {
            return AdminGuard.NotFound(http, "Client scope not found");
        }

        var defaults = Scopes.DefaultsOf(realm, client).Where(n => n != scope.Name).ToList();
        var optionals = Scopes.OptionalsOf(realm, client).Where(n => n != scope.Name).ToList();
        if (add)
        {
            (kind == "default" ? defaults : optionals).Add(scope.Name);
        }

        realm.ClientRegistry.Replace(client with { DefaultClientScopes = defaults, OptionalClientScopes = optionals });
        return AdminGuard.NoContent(http);
    }

    private static JsonArray ScopeRefs(Realm realm, IEnumerable<string> names) =>
        new(names.Select(realm.ClientScopes.ByName).OfType<ClientScopeRepresentation>().Select(s => (JsonNode)new JsonObject { ["id"] = s.Id, ["name"] = s.Name }).ToArray());

    private static List<ProtocolMapperRepresentation> WithIds(IEnumerable<ProtocolMapperRepresentation> mappers) =>
        mappers.Select(m => m with { Id = m.Id ?? Guid.NewGuid().ToString() }).ToList();

    // Keycloak gives a client with service accounts the user "service-account-{clientId}".
    private static void AddServiceAccount(Realm realm, ClientFixture client)
    {
        if (client.ServiceAccountsEnabled)
        {
            realm.Users.TryAdd(new BrokerUser
            {
                Id = Guid.NewGuid(),
                Username = $"service-account-{client.ClientId}".ToLowerInvariant(),
                ServiceAccountClientId = client.ClientId,
            });
        }
    }
}
