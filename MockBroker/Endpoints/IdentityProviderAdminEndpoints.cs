using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PbenchAuthSpec.MockBroker.Fixtures;
using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.MockBroker.Tokens;

namespace PbenchAuthSpec.MockBroker.Endpoints;

/// <summary>
/// Keycloak's admin REST API for a realm's identity providers and their mappers
/// (<c>IdentityProvidersResource</c>, <c>IdentityProviderResource</c>):
/// <c>GET|POST /admin/realms/{realm}/identity-provider/instances</c>,
/// <c>GET|PUT|DELETE …/instances/{alias}</c>, <c>GET|POST …/instances/{alias}/mappers</c> and
/// <c>GET|PUT|DELETE …/mappers/{id}</c>, behind the same master-realm admin token as the rest of
/// the admin API. As Keycloak, a GET shows the client secret as <c>**********</c> and a PUT that
/// sends that mask back keeps the stored secret.
/// </summary>
internal sealed class IdentityProviderAdminEndpoints(AdminApiEndpoints admin)
{
    public const string SecretMask = "**********";
    private const int MaxBodyBytes = 64 * 1024;
    private const string Instances = "/admin/realms/{realm}/identity-provider/instances";

    public void Map(WebApplication app)
    {
        app.MapGet(Instances, (HttpContext http, string realm) => admin.Guarded(http, realm, (h, r) =>
            BrokerHttp.JsonAsync(h, r.IdentityProviders.Values.Select(Masked).ToList(), BrokerJson.Relaxed.ListIdentityProviderFixture)));
        app.MapPost(Instances, (HttpContext http, string realm) => admin.Guarded(http, realm, CreateAsync));
        app.MapGet(Instances + "/{alias}", (HttpContext http, string realm, string alias) => admin.Guarded(http, realm, (h, r) =>
            WithProvider(h, r, alias, idp => BrokerHttp.JsonAsync(h, Masked(idp), BrokerJson.Relaxed.IdentityProviderFixture))));
        app.MapPut(Instances + "/{alias}", (HttpContext http, string realm, string alias) => admin.Guarded(http, realm, (h, r) => WithProvider(h, r, alias, idp => UpdateAsync(h, r, idp))));
        app.MapDelete(Instances + "/{alias}", (HttpContext http, string realm, string alias) => admin.Guarded(http, realm, (h, r) => WithProvider(h, r, alias, idp =>
        {
            r.IdentityProviders.Remove(idp.Alias);
            h.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        })));

        app.MapGet(Instances + "/{alias}/mappers", (HttpContext http, string realm, string alias) => admin.Guarded(http, realm, (h, r) => WithProvider(h, r, alias, idp =>
            BrokerHttp.JsonAsync(h, r.IdentityProviders.MappersOf(idp.Alias).ToList(), BrokerJson.Relaxed.ListIdentityProviderMapperFixture))));
        app.MapPost(Instances + "/{alias}/mappers", (HttpContext http, string realm, string alias) => admin.Guarded(http, realm, (h, r) => WithProvider(h, r, alias, idp => PutMapperAsync(h, r, idp, null))));
        app.MapGet(Instances + "/{alias}/mappers/{id}", (HttpContext http, string realm, string alias, string id) => admin.Guarded(http, realm, (h, r) => WithMapper(h, r, alias, id, m =>
            BrokerHttp.JsonAsync(h, m, BrokerJson.Relaxed.IdentityProviderMapperFixture))));
        app.MapPut(Instances + "/{alias}/mappers/{id}", (HttpContext http, string realm, string alias, string id) => admin.Guarded(http, realm, (h, r) => WithMapper(h, r, alias, id, m =>
            PutMapperAsync(h, r, r.IdentityProviders[alias], m))));
        app.MapDelete(Instances + "/{alias}/mappers/{id}", (HttpContext http, string realm, string alias, string id) => admin.Guarded(http, realm, (h, r) => WithMapper(h, r, alias, id, m =>
        {
            r.IdentityProviders.RemoveMapper(m.Id);
            h.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        })));
    }

    private static async Task CreateAsync(HttpContext http, Realm realm)
    {
        if (await ReadAsync(http, BrokerJson.Default.IdentityProviderFixture) is not { } body)
        {
            return;
        }

        if (IdentityProviderRules.Problem(body) is { } problem)
        {
            await BrokerHttp.ErrorAsync(http, "invalid_request", problem);
            return;
        }

        if (realm.IdentityProviders.ContainsKey(body.Alias))
        {
            // Keycloak: 409 {"errorMessage": "Identity Provider <alias> already exists"}.
            var message = $"Identity Provider {body.Alias} already exists";
            await BrokerHttp.JsonAsync(http, new Dictionary<string, string> { ["error"] = "conflict", ["error_description"] = message, ["errorMessage"] = message }, BrokerJson.Relaxed.DictionaryStringString, StatusCodes.Status409Conflict);
            return;
        }

        realm.IdentityProviders.Put(body);
        http.Response.Headers.Location = $"{AdminBase(realm)}/identity-provider/instances/{Uri.EscapeDataString(body.Alias)}";
        http.Response.StatusCode = StatusCodes.Status201Created;
    }

    private static async Task UpdateAsync(HttpContext http, Realm realm, IdentityProviderFixture current)
    {
        if (await ReadAsync(http, BrokerJson.Default.IdentityProviderFixture) is not { } body)
        {
            return;
        }

        if (body.Alias.Length > 0 && body.Alias != current.Alias)
        {
            await BrokerHttp.ErrorAsync(http, "invalid_request", $"the body's alias '{body.Alias}' is not the path's '{current.Alias}'");
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
            await BrokerHttp.ErrorAsync(http, "invalid_request", problem);
            return;
        }

        realm.IdentityProviders.Put(updated);
        http.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private static async Task PutMapperAsync(HttpContext http, Realm realm, IdentityProviderFixture idp, IdentityProviderMapperFixture? current)
    {
        if (await ReadAsync(http, BrokerJson.Default.IdentityProviderMapperFixture) is not { } body)
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
            await BrokerHttp.ErrorAsync(http, "invalid_request", problem);
            return;
        }

        realm.IdentityProviders.PutMapper(mapper);
        if (current is null)
        {
            http.Response.Headers.Location = $"{AdminBase(realm)}/identity-provider/instances/{Uri.EscapeDataString(idp.Alias)}/mappers/{mapper.Id}";
            http.Response.StatusCode = StatusCodes.Status201Created;
        }
        else
        {
            http.Response.StatusCode = StatusCodes.Status204NoContent;
        }
    }

    private static async Task<T?> ReadAsync<T>(HttpContext http, JsonTypeInfo<T> type)
        where T : class
    {
        if (!(http.Request.ContentType ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase) || http.Request.ContentLength > MaxBodyBytes)
        {
            await BrokerHttp.ErrorAsync(http, "invalid_request", "the body must be JSON (Content-Type: application/json, at most 64 KiB)");
            return null;
        }

        try
        {
            return await JsonSerializer.DeserializeAsync(http.Request.Body, type, http.RequestAborted)
                ?? throw new JsonException("null");
        }
        catch (JsonException e)
        {
            await BrokerHttp.ErrorAsync(http, "invalid_request", $"the body is not a {typeof(T).Name.Replace("Fixture", "Representation", StringComparison.Ordinal)}: {BrokerHttp.Short(e.Message)}");
            return null;
        }
    }

    private static IdentityProviderFixture Masked(IdentityProviderFixture idp) =>
        idp.Config.ContainsKey("clientSecret") ? idp with { Config = new Dictionary<string, string>(idp.Config, StringComparer.Ordinal) { ["clientSecret"] = SecretMask } } : idp;

    private static Task WithProvider(HttpContext http, Realm realm, string alias, Func<IdentityProviderFixture, Task> found) =>
        realm.IdentityProviders.TryGetValue(alias, out var idp)
            ? found(idp)
            : BrokerHttp.ErrorAsync(http, "not_found", "Could not find identity provider", StatusCodes.Status404NotFound);

    private static Task WithMapper(HttpContext http, Realm realm, string alias, string id, Func<IdentityProviderMapperFixture, Task> found) =>
        realm.IdentityProviders.ContainsKey(alias) && realm.IdentityProviders.Mapper(id) is { } mapper && mapper.IdentityProviderAlias == alias
            ? found(mapper)
            : BrokerHttp.ErrorAsync(http, "not_found", "Model not found", StatusCodes.Status404NotFound);

    private static string AdminBase(Realm realm) =>
        realm.Urls.Issuer.Replace("/realms/", "/admin/realms/", StringComparison.Ordinal);
}
