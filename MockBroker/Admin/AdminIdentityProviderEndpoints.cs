using PbenchAuthSpec.MockBroker.Endpoints;
using PbenchAuthSpec.MockBroker.Fixtures;
using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.MockBroker.Tokens;

namespace PbenchAuthSpec.MockBroker.Admin;

/// <summary>
/// Identity providers and their mappers (<c>/admin/realms/{realm}/identity-provider/instances</c>):
/// <c>GET|POST …/instances</c>, <c>GET|PUT|DELETE …/instances/{alias}</c>,
/// <c>GET|POST …/instances/{alias}/mappers</c> and <c>GET|PUT|DELETE …/mappers/{id}</c>, as Keycloak's
/// services/src/main/java/org/keycloak/services/resources/admin/IdentityProvidersResource.java and
/// IdentityProviderResource.java answer them, in the realm-export shape the fixture uses. A change is
/// live at the next brokered login. As Keycloak, a GET shows the client secret as <c>**********</c>
/// and a PUT that sends that mask back keeps the stored secret.
/// </summary>
internal sealed class AdminIdentityProviderEndpoints(AdminGuard guard)
{
    /// <summary>Keycloak's StripSecretsUtils: a secret is never read back.</summary>
    public const string SecretMask = "**********";

    private const string Instances = "/admin/realms/{realm}/identity-provider/instances";

    public void Map(WebApplication app)
    {
        app.MapGet(Instances, (HttpContext http, string realm) => guard.InRealm(http, realm, r =>
            BrokerHttp.JsonAsync(http, r.IdentityProviders.Values.Select(Masked).ToList(), BrokerJson.Relaxed.ListIdentityProviderFixture)));
        app.MapPost(Instances, (HttpContext http, string realm) => guard.InRealm(http, realm, r => CreateAsync(http, r)));
        app.MapGet(Instances + "/{alias}", (HttpContext http, string realm, string alias) => guard.InRealm(http, realm, r =>
            WithProvider(http, r, alias, idp => BrokerHttp.JsonAsync(http, Masked(idp), BrokerJson.Relaxed.IdentityProviderFixture))));
        app.MapPut(Instances + "/{alias}", (HttpContext http, string realm, string alias) => guard.InRealm(http, realm, r => WithProvider(http, r, alias, idp => UpdateAsync(http, r, idp))));
        app.MapDelete(Instances + "/{alias}", (HttpContext http, string realm, string alias) => guard.InRealm(http, realm, r => WithProvider(http, r, alias, idp =>
        {
            r.IdentityProviders.Remove(idp.Alias);
            return AdminGuard.NoContent(http);
        })));

        const string Mappers = Instances + "/{alias}/mappers";
        app.MapGet(Mappers, (HttpContext http, string realm, string alias) => guard.InRealm(http, realm, r => WithProvider(http, r, alias, idp =>
            BrokerHttp.JsonAsync(http, r.IdentityProviders.MappersOf(idp.Alias).ToList(), BrokerJson.Relaxed.ListIdentityProviderMapperFixture))));
        app.MapPost(Mappers, (HttpContext http, string realm, string alias) => guard.InRealm(http, realm, r => WithProvider(http, r, alias, idp => SaveMapperAsync(http, r, idp, null))));
        app.MapGet(Mappers + "/{id}", (HttpContext http, string realm, string alias, string id) => guard.InRealm(http, realm, r => WithMapper(http, r, alias, id, (_, m) =>
            BrokerHttp.JsonAsync(http, m, BrokerJson.Relaxed.IdentityProviderMapperFixture))));
        app.MapPut(Mappers + "/{id}", (HttpContext http, string realm, string alias, string id) => guard.InRealm(http, realm, r => WithMapper(http, r, alias, id, (idp, m) =>
            SaveMapperAsync(http, r, idp, m))));
        app.MapDelete(Mappers + "/{id}", (HttpContext http, string realm, string alias, string id) => guard.InRealm(http, realm, r => WithMapper(http, r, alias, id, (_, m) =>
        {
            r.IdentityProviders.RemoveMapper(m.Id);
            return AdminGuard.NoContent(http);
        })));
    }

    private static async Task CreateAsync(HttpContext http, Realm realm)
    {
        if (await AdminGuard.ReadAsync(http, BrokerJson.Default.IdentityProviderFixture) is not { } body)
        {
            return;
        }

        if (IdentityProviderRules.Problem(body) is { } problem)
        {
            await AdminGuard.BadRequest(http, problem);
            return;
        }

        // IdentityProvidersResource.create: ErrorResponse.exists, 409.
        if (realm.IdentityProviders.ContainsKey(body.Alias))
        {
            await AdminGuard.Conflict(http, $"Identity Provider {body.Alias} already exists");
            return;
        }

        realm.IdentityProviders.Put(body);
        await AdminGuard.Created(http, $"{AdminGuard.AdminUrl(realm)}/identity-provider/instances/{Uri.EscapeDataString(body.Alias)}");
    }

    // IdentityProviderResource.update replaces the provider with the body (Keycloak clients send back
    // what they read); the masked secret keeps the stored one, and the mappers stay.
    private static async Task UpdateAsync(HttpContext http, Realm realm, IdentityProviderFixture current)
    {
        if (await AdminGuard.ReadAsync(http, BrokerJson.Default.IdentityProviderFixture) is not { } body)
        {
            return;
        }

        if (body.Alias.Length > 0 && body.Alias != current.Alias)
        {
            await AdminGuard.BadRequest(http, $"MockBroker does not rename identity providers: the body's alias '{body.Alias}' is not the path's '{current.Alias}'; delete it and create it under the new alias");
            return;
        }

        var config = new Dictionary<string, string>(body.Config, StringComparer.Ordinal);
        if (config.GetValueOrDefault("clientSecret") == SecretMask)
        {
            config["clientSecret"] = current.Config.GetValueOrDefault("clientSecret") ?? "";
        }

        var updated = body with { Alias = current.Alias, Config = config };
        if (IdentityProviderRules.Problem(updated) is { } problem)
        {
            await AdminGuard.BadRequest(http, problem);
            return;
        }

        realm.IdentityProviders.Put(updated);
        await AdminGuard.NoContent(http);
    }

    private static async Task SaveMapperAsync(HttpContext http, Realm realm, IdentityProviderFixture idp, IdentityProviderMapperFixture? current)
    {
        if (await AdminGuard.ReadAsync(http, BrokerJson.Default.IdentityProviderMapperFixture) is not { } body)
        {
            return;
        }

        var mapper = body with
        {
            Id = current?.Id ?? Guid.NewGuid().ToString(),
            IdentityProviderAlias = body.IdentityProviderAlias.Length == 0 ? idp.Alias : body.IdentityProviderAlias,
        };
        var problem = mapper.IdentityProviderAlias != idp.Alias
            ? $"identityProviderAlias '{mapper.IdentityProviderAlias}' is not the path's '{idp.Alias}'"
            : IdentityProviderRules.Problem(mapper, [idp.Alias]);
        if (problem is not null)
        {
            await AdminGuard.BadRequest(http, problem);
            return;
        }

        // A mapper's name is unique per identity provider (Keycloak's RealmAdapter.addIdentityProviderMapper).
        if (realm.IdentityProviders.MappersOf(idp.Alias).Any(m => m.Name == mapper.Name && m.Id != mapper.Id))
        {
            await AdminGuard.Conflict(http, $"Identity Provider Mapper with name {mapper.Name} already exists");
            return;
        }

        realm.IdentityProviders.PutMapper(mapper);
        await (current is null
            ? AdminGuard.Created(http, $"{AdminGuard.AdminUrl(realm)}/identity-provider/instances/{Uri.EscapeDataString(idp.Alias)}/mappers/{mapper.Id}")
            : AdminGuard.NoContent(http));
    }

    private static IdentityProviderFixture Masked(IdentityProviderFixture idp) =>
        idp.Config.ContainsKey("clientSecret") ? idp with { Config = new Dictionary<string, string>(idp.Config, StringComparer.Ordinal) { ["clientSecret"] = SecretMask } } : idp;

    private static Task WithProvider(HttpContext http, Realm realm, string alias, Func<IdentityProviderFixture, Task> found) =>
        realm.IdentityProviders.TryGetValue(alias, out var idp) ? found(idp) : AdminGuard.NotFound(http, "Could not find identity provider");

    private static Task WithMapper(HttpContext http, Realm realm, string alias, string id, Func<IdentityProviderFixture, IdentityProviderMapperFixture, Task> found) =>
        realm.IdentityProviders.TryGetValue(alias, out var idp) && realm.IdentityProviders.Mapper(id) is { } mapper && mapper.IdentityProviderAlias == alias
            ? found(idp, mapper)
            : AdminGuard.NotFound(http, "Model not found");
}
