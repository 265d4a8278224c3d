using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.Playwright;
using NUnit.Framework;
using PbenchAuthSpec.SpecTests.Engine;
using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Tests.Engine;

/// <summary>
/// Step 2 against the real Pbench server once failed "observed not JSON" although the server had
/// sent a 2,407-byte 200 with <c>Connection: close</c>: the walk fetches the login configuration
/// and navigates away at once, and the recorder's copy of the body could be lost on the way.
/// </summary>
public sealed class BodyCaptureStressTests : ChromiumFixture
{
    private const int Runs = 50;

    [Test]
    public async Task The_configuration_body_is_captured_in_50_of_50_fetches_from_a_server_that_closes_every_connection()
    {
        var config = ConfigOf(2407);
        await using var server = ClosingServer.Start(new Dictionary<string, (string, string)>
        {
            ["/api/v1/endpoints"] = ("application/json", config),
            ["/next"] = ("text/html", "<!doctype html><title>next</title><p>next page</p>"),
        });
        var page = await NewPageAsync();
        var log = new TraceLog();
        var recorder = new NetworkRecorder(page.Context, log, TimeProvider.System);
        var harness = server.BaseUrl + "/__pbench-auth-spec/harness";
        await page.RouteAsync(harness, route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/html", Body = "<!doctype html><title>harness</title>" }));
        var fetch = new BrowserFetch(log, TimeProvider.System);

        for (var i = 0; i < Runs; i++)
        {
            await page.GotoAsync(harness);
            // As the protocol walk's step 1: a fetch from its own page, recorded by the recorder.
            var seen = await recorder.RecordPageFetchAsync(
                () => fetch.FetchAsync(page, new FetchRequest("GET", server.BaseUrl + "/api/v1/endpoints", new Dictionary<string, string>()), probe: false),
                TimeSpan.FromSeconds(10));
            seen.Source.Should().Be("browser", "the recorder's own exchange is returned");
            // What the protocol walk does next: off to the broker, before the recorder may have read the body.
            await page.GotoAsync(server.BaseUrl + "/next");
        }

        await recorder.DrainAsync(TimeSpan.FromSeconds(10));
        server.Served.Should().Be(2 * Runs, "every fetch and every page came from the server that closes its connections");
        var captured = log.Snapshot("browser").Where(e => e.Url.EndsWith("/api/v1/endpoints", StringComparison.Ordinal)).ToList();
        captured.Should().HaveCount(Runs);
        var lost = captured.Where(e => e.ResponseBody != config).Select(e => $"#{e.Id}: {e.Status} body {(e.ResponseBody is null ? "null" : e.ResponseBody.Length + " chars")}").ToList();
        lost.Should().BeEmpty($"every one of {Runs} configuration bodies must be captured whole");
    }

    private static string ConfigOf(int bytes)
    {
        var json = new JsonObject
        {
            ["identification"] = "Pbench server 1.0.0-stress",
            ["openid"] = new JsonObject { ["server"] = "http://127.0.0.1:1", ["realm"] = "pbench-server", ["client"] = "pbench-client" },
            ["uri"] = new JsonObject(),
        };
        var padding = bytes - json.ToJsonString().Length - ",\"padding\":\"\"".Length;
        json["padding"] = new string('x', padding);
        var text = json.ToJsonString();
        return text.Length == bytes ? text : throw new InvalidOperationException($"config of {text.Length} bytes, not {bytes}");
    }
}
