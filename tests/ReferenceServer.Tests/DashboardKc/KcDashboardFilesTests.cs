using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.ReferenceServer.Tests.DashboardKc;

public sealed class KcDashboardFilesTests
{
    [TestCase("/dashboard-kc/", "text/html", "session-expired")]
    [TestCase("/dashboard-kc/app.js", "text/javascript", "check-sso")]
    [TestCase("/dashboard-kc/keycloak.js", "text/javascript", "export default class Keycloak")]
    [TestCase("/dashboard-kc/keycloak-21.js", "text/javascript", "global.Keycloak = factory()")]
    [TestCase("/dashboard-kc/kc.js", "text/javascript", "dropFirstResponse")]
    [TestCase("/dashboard/auth", "text/html", "Pbench OpenId")]
    [TestCase("/dashboard/overview", "text/html", "pf-c-dropdown__toggle-text")]
    public async Task The_keycloak_js_dashboard_files_are_served_from_the_assembly(string path, string mediaType, string marker)
    {
        await using var target = await ReferenceServerHost.StartAsync(new ReferenceServerOptions { BrokerUrl = "http://127.0.0.1:9" });
        using var http = new HttpClient();

        var response = await http.GetAsync(new Uri(target.BaseUrl + path));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be(mediaType);
        response.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
        (await response.Content.ReadAsStringAsync()).Should().Contain(marker);
    }

    [Test]
    public async Task An_unknown_file_under_the_keycloak_js_dashboard_is_a_404_with_a_message()
    {
        await using var target = await ReferenceServerHost.StartAsync(new ReferenceServerOptions { BrokerUrl = "http://127.0.0.1:9" });
        using var http = new HttpClient();

        var response = await http.GetAsync(new Uri(target.BaseUrl + "/dashboard-kc/nothing.js"));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Contain("not found");
    }

    [Test]
    public void The_dashboard_and_the_MockBroker_tests_pin_the_same_keycloak_js_release()
    {
        var root = Path.GetFullPath(Path.Combine(FixturePaths.Directory, ".."));

        PinnedVersion(Path.Combine(root, "ReferenceServer", "DashboardKc", "package.json"))
            .Should().Be(PinnedVersion(Path.Combine(root, "tests", "MockBroker.Tests", "KeycloakJs", "package.json")));
    }

    [Test]
    public async Task The_settings_document_carries_the_real_dashboard_switches()
    {
        await using var plain = await ReferenceServerHost.StartAsync(new ReferenceServerOptions { BrokerUrl = "http://127.0.0.1:9" });
        await using var real = await ReferenceServerHost.StartAsync(new ReferenceServerOptions
        {
            BrokerUrl = "http://127.0.0.1:9", Defects = [DefectNames.DashboardKeycloakJs21, DefectNames.DashboardNoPkce, DefectNames.DashboardDropsFirstResponse],
        });
        using var http = new HttpClient();

        var clean = JsonNode.Parse(await http.GetStringAsync(new Uri(plain.BaseUrl + "/dashboard-kc/settings.json")))!;
        var switched = JsonNode.Parse(await http.GetStringAsync(new Uri(real.BaseUrl + "/dashboard-kc/settings.json")))!;

        clean.ToJsonString().Should().Be("""{"keycloakJs":"26.2.4","pkceMethod":"S256","dropFirstResponse":false,"enableLogging":false}""");
        switched.ToJsonString().Should().Be("""{"keycloakJs":"21.1.2","pkceMethod":null,"dropFirstResponse":true,"enableLogging":true}""");
    }

    [Test]
    public void Keycloak_js_21_1_2_is_pinned_beside_26_with_its_integrity_in_the_lock_file()
    {
        var folder = Path.GetFullPath(Path.Combine(FixturePaths.Directory, "..", "ReferenceServer", "DashboardKc"));

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "package.json")))!["dependencies"]!;
        var locked = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "package-lock.json")))!["packages"]!["node_modules/keycloak-js-21"]!;

        manifest["keycloak-js-21"]!.GetValue<string>().Should().Be("npm:keycloak-js@21.1.2");
        locked["version"]!.GetValue<string>().Should().Be("21.1.2");
        locked["integrity"]!.GetValue<string>().Should().StartWith("sha512-");
    }

    private static string PinnedVersion(string packageJson) =>
        JsonNode.Parse(File.ReadAllText(packageJson))!["dependencies"]!["keycloak-js"]!.GetValue<string>();
}
