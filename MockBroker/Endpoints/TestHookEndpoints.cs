using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PbenchAuthSpec.MockBroker.Hosting;

namespace PbenchAuthSpec.MockBroker.Endpoints;

/// <summary>
/// Test hooks for scripts and other processes, beside StandInHost's <c>/__admin</c> API:
/// key rotation, token lifetimes and broker faults (see README.md, "MockBroker").
/// </summary>
internal sealed class TestHookEndpoints(BrokerContext broker)
{
    public void Map(WebApplication app)
    {
        app.MapGet("/__admin/broker", StatusAsync);
        app.MapPost("/__admin/broker/realms/{realm}/rotate-key", (HttpContext http, string realm) => WithRealm(http, realm, r =>
        {
            r.Keys.Rotate();
            return BrokerHttp.JsonAsync(http, new JsonObject { ["realm"] = r.Name, ["kid"] = r.Keys.Active.Key.Kid });
        }));
        app.MapPost("/__admin/broker/realms/{realm}/lifetimes", (HttpContext http, string realm) => WithRealm(http, realm, r => LifetimesAsync(http, r)));
        app.MapGet("/__admin/broker/faults", (HttpContext http) => BrokerHttp.JsonAsync(http, new { faults = broker.Faults.Order(StringComparer.Ordinal) }));
        app.MapPut("/__admin/broker/faults/{name}", (HttpContext http, string name) => ChangeFault(http, name, on: true));
        app.MapDelete("/__admin/broker/faults/{name}", (HttpContext http, string name) => ChangeFault(http, name, on: false));
        app.MapDelete("/__admin/broker/faults", (HttpContext http) =>
        {
            broker.Faults.Clear();
            return BrokerHttp.JsonAsync(http, new { faults = Array.Empty<string>() });
        });
    }

    private Task StatusAsync(HttpContext http) => BrokerHttp.JsonAsync(http, new
    {
        keycloakVersion = broker.KeycloakVersion,
        faults = broker.Faults.Order(StringComparer.Ordinal),
        realms = broker.Realms.Values.Select(r => new
        {
            realm = r.Name,
            issuer = r.Urls.Issuer,
            kid = r.Keys.Active.Key.Kid,
            accessTokenLifespan = (long)r.Lifetimes.AccessToken.TotalSeconds,
            ssoSessionIdleTimeout = (long)r.Lifetimes.SessionIdle.TotalSeconds,
            accessCodeLifespan = (long)r.Lifetimes.Code.TotalSeconds,
        }),
    });

    private Task WithRealm(HttpContext http, string realmName, Func<Realm, Task> handler) =>
        broker.Realm(realmName) is { } realm ? handler(realm) : BrokerHttp.RealmNotFoundAsync(http, realmName);

    /// <summary>Body: <c>{"accessToken": s, "refreshToken": s, "code": s}</c>, each optional, in seconds.</summary>
    private async Task LifetimesAsync(HttpContext http, Realm realm)
    {
        JsonObject? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonObject>(http.Request.Body, cancellationToken: http.RequestAborted);
        }
        catch (JsonException e)
        {
            await BrokerHttp.ErrorAsync(http, "invalid_request", $"the body is not JSON: {BrokerHttp.Short(e.Message)}");
            return;
        }

        var values = new Dictionary<string, TimeSpan?>();
        foreach (var name in new[] { "accessToken", "refreshToken", "code" })
        {
            var node = body?[name];
            if (node is not null && !(node is JsonValue v && v.TryGetValue<int>(out var seconds) && seconds > 0))
            {
                await BrokerHttp.ErrorAsync(http, "invalid_request", $"{name} must be a positive number of seconds");
                return;
            }

            values[name] = node is null ? null : TimeSpan.FromSeconds(node.GetValue<int>());
        }

        realm.SetLifetimes(values["accessToken"], values["refreshToken"], values["code"]);
        await StatusAsync(http);
    }

    private Task ChangeFault(HttpContext http, string name, bool on)
    {
        if (!BrokerFaults.All.Contains(name))
        {
            return BrokerHttp.ErrorAsync(http, "invalid_request", $"unknown broker fault '{BrokerHttp.Short(name)}' (known: {string.Join(", ", BrokerFaults.All.Order(StringComparer.Ordinal))})", StatusCodes.Status404NotFound);
        }

        if (on)
        {
            broker.Faults.Add(name);
        }
        else
        {
            broker.Faults.Remove(name);
        }

        return BrokerHttp.JsonAsync(http, new { faults = broker.Faults.Order(StringComparer.Ordinal) });
    }
}
