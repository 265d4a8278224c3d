using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.ReferenceServer;

namespace PbenchAuthSpec.SelfTests.DashboardKc;

public sealed class KcDashboardFilesTests
{
    [TestCase("/dashboard-kc/", "text/html", "session-expired")]
    [TestCase("/dashboard-kc/app.js", "text/javascript", "check-sso")]
    [TestCase("/dashboard-kc/keycloak.js", "text/javascript", "export default class Keycloak")]
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
            .Should().Be(PinnedVersion(Path.Combine(root, "SelfTests", "MockBroker", "KeycloakJs", "package.json")));
    }

    private static string PinnedVersion(string packageJson) =>
        JsonNode.Parse(File.ReadAllText(packageJson))!["dependencies"]!["keycloak-js"]!.GetValue<string>();
}
