using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PbenchAuthSpec.MockBroker.Endpoints;
using PbenchAuthSpec.MockBroker.Fixtures;
using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.MockBroker.Tokens;

namespace PbenchAuthSpec.MockBroker.Admin;

/// <summary>
/// Identity providers and their mappers (<c>/admin/realms/{realm}/identity-provider/instances</c>):
/// create, list, read, update, delete, as Keycloak's
/// services/src/main/java/org/keycloak/services/resources/admin/IdentityProvidersResource.java and
/// IdentityProviderResource.java answer them. MockBroker brokers to OpenID Connect providers only
/// (<c>providerId</c> <c>oidc</c> or <c>keycloak-oidc</c>) and reads their endpoints from
/// <c>config.issuer</c>'s discovery; the mapper it applies is "Claim to Role" (<c>oidc-role-idp-mapper</c>).
/// </summary>
internal sealed class AdminIdentityProviderEndpoints(AdminGuard guard)
{
    private const string ClaimToRole = "oidc-role-idp-mapper";

    // Keycloak's StripSecretsUtils: a secret is never read back, and this value in an update keeps it.
    private const string SecretMask = "**********";

    public void Map(WebApplication app)
    {
        const string instances = "/admin/realms/{realm}/identity-provider/instances";
        app.MapGet(instances, (HttpContext http, string realm) => guard.InRealm(http, realm, r =>
            BrokerHttp.JsonAsync(http, new JsonArray(r.IdentityProviders.Values.OrderBy(p => p.Alias, StringComparer.Ordinal).Select(p => (JsonNode)Representation(p)).ToArray()), BrokerJson.Relaxed.JsonArray)));
        app.MapPost(instances, (HttpContext http, string realm) => guard.InRealm(http, realm, r => CreateAsync(http, r)));
        app.MapGet(instances + "/{alias}", (HttpContext http, string realm, string alias) => guard.InRealm(http, realm, r => WithProvider(http, r, alias, p =>
            BrokerHttp.JsonAsync(http, Representation(p), BrokerJson.Relaxed.JsonObject))));
        app.MapPut(instances + "/{alias}", (HttpContext http, string realm, string alias) => guard.InRealm(http, realm, r => WithProvider(http, r, alias, p => UpdateAsync(http, r, p))));
        app.MapDelete(instances + "/{alias}", (HttpContext http, string realm, string alias) => guard.InRealm(http, realm, r =>
            r.RemoveIdentityProvider(alias) ? AdminGuard.NoContent(http) : ProviderNotFound(http)));

        const string mappers = instances + "/{alias}/mappers";
        app.MapGet(mappers, (HttpContext http, string realm, string alias) => guard.InRealm(http, realm, r => WithProvider(http, r, alias, p =>
            BrokerHttp.JsonAsync(http, new JsonArray(p.Mappers.Select(m => (JsonNode)MapperRepresentation(p, m)).ToArray()), BrokerJson.Relaxed.JsonArray))));
        app.MapPost(mappers, (HttpContext http, string realm, string alias) => guard.InRealm(http, realm, r => WithProvider(http, r, alias, p => SaveMapperAsync(http, r, p, null))));
        app.MapGet(mappers + "/{id}", (HttpContext http, string realm, string alias, string id) => guard.InRealm(http, realm, r => WithProvider(http, r, alias, p =>
            p.Mappers.FirstOrDefault(m => m.Id == id) is { } m ? BrokerHttp.JsonAsync(http, MapperRepresentation(p, m), BrokerJson.Relaxed.JsonObject) : MapperNotFound(http))));
        app.MapPut(mappers + "/{id}", (HttpContext http, string realm, string alias, string id) => guard.InRealm(http, realm, r => WithProvider(http, r, alias, p =>
            p.Mappers.Any(m => m.Id == id) ? SaveMapperAsync(http, r, p, id) : MapperNotFound(http))));
        app.MapDelete(mappers + "/{id}", (HttpContext http, string realm, string alias, string id) => guard.InRealm(http, realm, r => WithProvider(http, r, alias, p =>
        {
            if (!p.Mappers.Any(m => m.Id == id))
            {
                return MapperNotFound(http);
            }

            r.ReplaceIdentityProvider(p with { Mappers = p.Mappers.Where(m => m.Id != id).ToList() });
            return AdminGuard.NoContent(http);
        })));
    }

    private static Task WithProvider(HttpContext http, Realm realm, string alias, Func<IdentityProviderFixture, Task> handler) =>
        realm.IdentityProviders.TryGetValue(alias, out var provider) ? handler(provider) : ProviderNotFound(http);

    private static Task ProviderNotFound(HttpContext http) => AdminGuard.NotFound(http, "Could not find identity provider");

    private static Task MapperNotFound(HttpContext http) => AdminGuard.NotFound(http, "Model not found");

    /// <summary>Keycloak's IdentityProviderRepresentation of an OpenID Connect provider, secret stripped.</summary>
    private static JsonObject Representation(IdentityProviderFixture provider, bool withSecret = false) => new()
    {
        ["alias"] = provider.Alias,
        ["displayName"] = provider.DisplayName,
        ["providerId"] = "oidc",
        ["enabled"] = true,
        ["config"] = new JsonObject
        {
            ["issuer"] = provider.Issuer,
            ["clientId"] = provider.ClientId,
            ["clientSecret"] = withSecret ? provider.ClientSecret : SecretMask,
            ["clientAuthMethod"] = provider.ClientAuthMethod,
            ["defaultScope"] = provider.DefaultScope,
        },
    };

    private static JsonObject MapperRepresentation(IdentityProviderFixture provider, IdpMapperFixture mapper) => new()
    {
        ["id"] = mapper.Id,
        ["name"] = mapper.Name,
        ["identityProviderAlias"] = provider.Alias,
        ["identityProviderMapper"] = ClaimToRole,
        ["config"] = new JsonObject
        {
            ["claim"] = mapper.Claim,
            ["claim.value"] = mapper.ClaimValue,
            ["role"] = mapper.ClientRole ?? mapper.RealmRole,
        },
    };

    private static async Task CreateAsync(HttpContext http, Realm realm)
    {
        var body = await AdminGuard.ReadAsync(http, BrokerJson.Default.JsonObject);
        if (body is null || await ParseAsync(http, realm, body, []) is not { } provider)
        {
            return;
        }

        if (!realm.TryAddIdentityProvider(provider))
        {
            await AdminGuard.Conflict(http, $"Identity Provider {provider.Alias} already exists");
            return;
        }

        await AdminGuard.Created(http, $"{AdminGuard.AdminUrl(realm)}/identity-provider/instances/{Uri.EscapeDataString(provider.Alias)}");
    }

    // Keycloak replaces the provider with the body; fields the body leaves out keep their value here,
    // and the masked secret keeps the stored one. The mappers stay.
    private static async Task UpdateAsync(HttpContext http, Realm realm, IdentityProviderFixture current)
    {
        var body = await AdminGuard.ReadAsync(http, BrokerJson.Default.JsonObject);
        if (body is null)
        {
            return;
        }

        var merged = Representation(current, withSecret: true);
        foreach (var (name, value) in body.Where(f => f.Key != "config"))
        {
            merged[name] = value?.DeepClone();
        }

        foreach (var (name, value) in body["config"] as JsonObject ?? [])
        {
            merged["config"]![name] = name == "clientSecret" && value?.ToString() == SecretMask ? current.ClientSecret : value?.DeepClone();
        }

        if (RealmImport.Text(merged, "alias") != current.Alias)
        {
            await AdminGuard.BadRequest(http, "MockBroker does not rename identity providers: delete it and create it under the new alias");
            return;
        }

        if (await ParseAsync(http, realm, merged, current.Mappers) is { } provider)
        {
            realm.ReplaceIdentityProvider(provider);
            await AdminGuard.NoContent(http);
        }
    }

    /// <summary>The provider the representation describes, checked as a fixture's; null after answering 400.</summary>
    private static async Task<IdentityProviderFixture?> ParseAsync(HttpContext http, Realm realm, JsonObject body, IReadOnlyList<IdpMapperFixture> mappers)
    {
        if (RealmImport.Text(body, "providerId") is not ("oidc" or "keycloak-oidc"))
        {
            await AdminGuard.BadRequest(http, "MockBroker brokers to OpenID Connect providers only: providerId must be \"oidc\" or \"keycloak-oidc\"");
            return null;
        }

        var provider = RealmImport.IdentityProvider(body, []) with { Mappers = mappers };
        try
        {
            FixtureLoader.Validate(new BrokerFixture { Realms = [new RealmFixture { Realm = realm.Name, IdentityProviders = [provider] }] }, "the IdentityProviderRepresentation");
        }
        catch (InvalidOperationException e)
        {
            // The fixture's words name its settings; the representation has them under config.
            await AdminGuard.BadRequest(http, e.Message.Replace("; fix the fixture.", " (config.issuer and config.clientId)", StringComparison.Ordinal));
            return null;
        }

        return provider;
    }

    private static async Task SaveMapperAsync(HttpContext http, Realm realm, IdentityProviderFixture provider, string? id)
    {
        var body = await AdminGuard.ReadAsync(http, BrokerJson.Default.JsonObject);
        if (body is null)
        {
            return;
        }

        if (RealmImport.Text(body, "identityProviderMapper") != ClaimToRole)
        {
            await AdminGuard.BadRequest(http, $"MockBroker applies only the Claim to Role mapper: identityProviderMapper must be \"{ClaimToRole}\"");
            return;
        }

        var mapper = RealmImport.Mapper(body) with { Id = id ?? Guid.NewGuid().ToString() };
        if (mapper.Name.Length == 0 || mapper.Claim.Length == 0 || (mapper.ClientRole ?? mapper.RealmRole ?? "").Length == 0)
        {
            await AdminGuard.BadRequest(http, "the mapper needs name, config.claim and config.role");
            return;
        }

        if (provider.Mappers.Any(m => m.Name == mapper.Name && m.Id != mapper.Id))
        {
            await AdminGuard.Conflict(http, $"Identity Provider Mapper with name {mapper.Name} already exists");
            return;
        }

        realm.ReplaceIdentityProvider(provider with { Mappers = [.. provider.Mappers.Where(m => m.Id != mapper.Id), mapper] });
        if (id is null)
        {
            await AdminGuard.Created(http, $"{AdminGuard.AdminUrl(realm)}/identity-provider/instances/{Uri.EscapeDataString(provider.Alias)}/mappers/{mapper.Id}");
            return;
        }

        await AdminGuard.NoContent(http);
    }
}
