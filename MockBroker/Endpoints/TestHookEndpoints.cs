using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.MockBroker.Tokens;

namespace PbenchAuthSpec.MockBroker.Endpoints;

/// <summary>
/// Test hooks for scripts and other processes, beside StandInHost's <c>/__admin</c> API:
/// key rotation (and restoring the original key), token lifetimes and broker faults (see docs/stand-ins.md, "MockBroker").
/// </summary>
internal sealed class TestHookEndpoints(BrokerContext broker)
{
    public void Map(WebApplication app)
    {
        app.MapGet("/__admin/broker", StatusAsync);
        app.MapPost("/__admin/broker/realms/{realm}/rotate-key", (HttpContext http, string realm) => WithRealm(http, realm, r =>
        {
            r.Keys.Rotate();
            return BrokerHttp.JsonAsync(http, new JsonObject { ["realm"] = r.Name, ["kid"] = r.Keys.Active.Kid }, BrokerJson.Relaxed.JsonObject);
        }));
        app.MapPost("/__admin/broker/realms/{realm}/restore-key", (HttpContext http, string realm) => WithRealm(http, realm, r =>
        {
            var restored = r.Keys.Restore();
            return BrokerHttp.JsonAsync(http, new JsonObject { ["realm"] = r.Name, ["kid"] = r.Keys.Active.Kid, ["restored"] = restored }, BrokerJson.Relaxed.JsonObject);
        }));
        app.MapPost("/__admin/broker/realms/{realm}/lifetimes", (HttpContext http, string realm) => WithRealm(http, realm, r => LifetimesAsync(http, r)));
        app.MapGet("/__admin/broker/faults", (HttpContext http) => FaultsAsync(http));
        app.MapPut("/__admin/broker/faults/{name}", (HttpContext http, string name) => ChangeFault(http, name, on: true));
        app.MapDelete("/__admin/broker/faults/{name}", (HttpContext http, string name) => ChangeFault(http, name, on: false));
        app.MapDelete("/__admin/broker/faults", (HttpContext http) =>
        {
            broker.Faults.Clear();
            return FaultsAsync(http);
        });
    }

    private Task StatusAsync(HttpContext http) => BrokerHttp.JsonAsync(
        http,
        new BrokerStatusBody(broker.KeycloakVersion, FaultNames(), broker.Realms.Values.Select(r => new BrokerStatusBody.RealmStatus(
            r.Name,
            r.Urls.Issuer,
            r.Keys.Active.Kid,
            (long)r.Lifetimes.AccessToken.TotalSeconds,
            (long)r.Lifetimes.SessionIdle.TotalSeconds,
            (long)r.Lifetimes.Code.TotalSeconds)).ToList()),
        BrokerJson.Relaxed.BrokerStatusBody);

    private Task FaultsAsync(HttpContext http) => BrokerHttp.JsonAsync(http, new FaultsBody(FaultNames()), BrokerJson.Relaxed.FaultsBody);

    private List<string> FaultNames() => broker.Faults.Order(StringComparer.Ordinal).ToList();

    private Task WithRealm(HttpContext http, string realmName, Func<Realm, Task> handler) =>
        broker.Realm(realmName) is { } realm ? handler(realm) : BrokerHttp.RealmNotFoundAsync(http, realmName);

    /// <summary>Body: <c>{"accessToken": s, "refreshToken": s, "code": s}</c>, each optional, in seconds.</summary>
    private async Task LifetimesAsync(HttpContext http, Realm realm)
    {
        JsonObject? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(http.Request.Body, BrokerJson.Default.JsonObject, http.RequestAborted);
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

        return FaultsAsync(http);
    }
}
