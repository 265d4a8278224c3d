using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.ReferenceServer.Tests.Support;

namespace PbenchAuthSpec.ReferenceServer.Tests;

/// <summary>The dashboard's files and its settings document, where the dashboard defects reach the page.</summary>
public sealed class DashboardHttpTests
{
    private static readonly string[] ElementIds =
        ["login", "logout", "user", "status", "api-method", "api-path", "api-body", "api-send", "api-status", "api-response"];

    [TestCase("/dashboard/")]
    [TestCase("/dashboard/callback")]
    public async Task Dashboard_and_callback_serve_the_page_with_the_contract_element_ids(string path)
    {
        await using var target = await TargetWithBroker.StartAsync();

        var response = await target.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        response.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
        foreach (var id in ElementIds)
        {
            html.Should().Contain($"id=\"{id}\"");
        }
    }

    [Test]
    public async Task Dashboard_without_slash_redirects_keeping_the_query()
    {
        await using var target = await TargetWithBroker.StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(target.Server.BaseUrl) };

        var response = await http.GetAsync(new Uri("/dashboard?response_mode=fragment", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/dashboard/?response_mode=fragment");
    }

    [TestCase("app.js", "text/javascript")]
    [TestCase("oidc.js", "text/javascript")]
    [TestCase("app.css", "text/css")]
    [TestCase("ui.js", "text/javascript")]
    public async Task Scripts_and_styles_are_served_from_the_assembly(string file, string type)
    {
        await using var target = await TargetWithBroker.StartAsync();

        var response = await target.GetAsync($"/dashboard/{file}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be(type);
        (await response.Content.ReadAsStringAsync()).Should().NotBeEmpty();
    }

    // Each shared file, a marker of its content, the file of each dashboard that refers to it, and how.
    [TestCase("app.css", "text/css", "#session-expired", "", "href=\"{0}app.css\"")]
    [TestCase("ui.js", "text/javascript", "export function wireApiPanel", "app.js", "from '{0}ui.js'")]
    public async Task Both_dashboards_refer_to_a_shared_file_under_their_own_path_and_get_the_one_copy_there(
        string file, string mediaType, string marker, string referrer, string reference)
    {
        await using var target = await TargetWithBroker.StartAsync();

        var plain = await target.GetAsync($"/dashboard/{file}");
        var kc = await target.GetAsync($"/dashboard-kc/{file}");

        foreach (var response in new[] { plain, kc })
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            response.Content.Headers.ContentType!.MediaType.Should().Be(mediaType);
            response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        }

        (await plain.Content.ReadAsStringAsync()).Should().Contain(marker).And.Be(await kc.Content.ReadAsStringAsync());
        foreach (var dashboard in new[] { "/dashboard/", "/dashboard-kc/" })
        {
            (await (await target.GetAsync(dashboard + referrer)).Content.ReadAsStringAsync()).Should().Contain(string.Format(CultureInfo.InvariantCulture, reference, dashboard));
        }
    }

    [Test]
    public async Task Both_pages_are_served_whole_with_the_shared_markup_in_place_of_their_includes()
    {
        await using var target = await TargetWithBroker.StartAsync();

        var plain = await (await target.GetAsync("/dashboard/")).Content.ReadAsStringAsync();
        var kc = await (await target.GetAsync("/dashboard-kc/")).Content.ReadAsStringAsync();

        foreach (var html in new[] { plain, kc })
        {
            html.Should().NotContain("#include");
            html.Should().Contain("    <div class=\"session\">\n      <span>Status: <code id=\"status\"></code></span>");
        }

        var shared = plain[plain.IndexOf("<section>", StringComparison.Ordinal)..plain.IndexOf("</main>", StringComparison.Ordinal)];
        kc.Should().Contain(shared);
        (await target.GetAsync("/dashboard/api.html")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Conforming_settings_check_state_use_s256_the_registered_callback_and_no_beacon()
    {
        await using var target = await TargetWithBroker.StartAsync();

        var settings = await SettingsAsync(target);

        settings.ToJsonString().Should().Be("""{"checkState":true,"pkceMethod":"S256","redirectPath":"/dashboard/callback","tokenBeacon":null,"dropFirstResponse":false}""");
    }

    [TestCase(DefectNames.DashboardSkipState, "checkState", "false")]
    [TestCase(DefectNames.DashboardNoPkce, "pkceMethod", "null")]
    [TestCase(DefectNames.DashboardPkcePlain, "pkceMethod", "\"plain\"")]
    [TestCase(DefectNames.DashboardWrongRedirectUri, "redirectPath", "\"/callback\"")]
    [TestCase(DefectNames.DashboardDropsFirstResponse, "dropFirstResponse", "true")]
    public async Task Each_dashboard_defect_changes_its_one_setting(string defect, string setting, string value)
    {
        await using var target = await TargetWithBroker.StartAsync([defect]);

        var settings = await SettingsAsync(target);
        var conforming = JsonNode.Parse("""{"checkState":true,"pkceMethod":"S256","redirectPath":"/dashboard/callback","tokenBeacon":null,"dropFirstResponse":false}""")!.AsObject();
        conforming[setting] = JsonNode.Parse(value);

        settings.ToJsonString().Should().Be(conforming.ToJsonString());
    }

    [Test]
    public async Task Token_to_other_origin_beacons_to_the_other_loopback_name_on_the_same_port()
    {
        await using var target = await TargetWithBroker.StartAsync([DefectNames.DashboardTokenToOtherOrigin]);
        var port = new Uri(target.Server.BaseUrl).Port;
        using var viaLocalhost = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}") };

        var fromLoopbackAddress = await SettingsAsync(target);
        var fromLocalhost = await viaLocalhost.GetFromJsonAsync<JsonObject>(new Uri("/dashboard/settings.json", UriKind.Relative));

        fromLoopbackAddress["tokenBeacon"]!.GetValue<string>().Should().Be($"http://localhost:{port}/dashboard/beacon.gif");
        fromLocalhost!["tokenBeacon"]!.GetValue<string>().Should().Be($"http://127.0.0.1:{port}/dashboard/beacon.gif");
    }

    private static async Task<JsonObject> SettingsAsync(TargetWithBroker target) =>
        (await target.Http.GetFromJsonAsync<JsonObject>(new Uri("/dashboard/settings.json", UriKind.Relative)))!;
}
