using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.StandIns;

namespace PbenchAuthSpec.ReferenceServer.Tests.DashboardKc;

/// <summary>
/// keycloak-js 21.1.2 (Pbench's dashboard's release, the dashboard-keycloak-js-21 switch) and
/// 26.2.4 in Chromium, through the keycloak-js dashboard, against MockBroker answering as Keycloak
/// 24 and 26: 21 compares the nonce of every token and so cannot log in to a Keycloak 25+ realm
/// unless its client has the "Nonce backwards compatible" mapper; 26 checks the id_token only.
/// The dashboard is on another site than the broker, as in a real deployment (the browser then
/// blocks the broker frames' cookies and keycloak-js turns its login iframe off; same-site, keycloak-js
/// 21's iframe check would send the <c>session_state</c> claim Keycloak 25+ no longer issues).
/// </summary>
public sealed class KeycloakJsReleaseBrowserTests : ChromiumFixture
{
    private const string CrossSite = "localhost";

    [Test]
    public async Task Keycloak_js_21_clears_a_Keycloak_26_realms_tokens_with_Invalid_nonce_when_the_client_has_no_nonce_mapper()
    {
        await using var stack = await StandInStack.StartAsync(new StandInStackOptions { Defects = [DefectNames.DashboardKeycloakJs21], KeycloakVersion = 26, TargetHost = CrossSite });
        var kc = await KcDashboardPage.OpenAsync(await NewPageAsync(), stack.TargetUrl);
        await kc.ExpectStatusAsync("logged-out");

        await kc.SubmitLoginAsync("alice");

        await kc.ExpectStatusAsync("error: keycloak-js refused the login");
        kc.Console.Should().Contain("[KEYCLOAK] Invalid nonce, clearing token");
        (await kc.Page.EvaluateAsync<bool>("() => window.keycloak.token === undefined")).Should().BeTrue("keycloak-js threw the tokens away");
        kc.RequestsTo("/dashboard-kc/keycloak-21.js").Should().NotBeEmpty("the switch runs Pbench's keycloak-js release");
    }

    [Test]
    public async Task Keycloak_js_21_logs_in_to_a_Keycloak_26_realm_whose_client_has_the_nonce_backwards_compatible_mapper()
    {
        using var fixture = TempFixture.From(json => TempFixture.Realm(json, "pbench-server")["clients"]!.AsArray()
            .Single(c => c!["clientId"]!.GetValue<string>() == "pbench-client")!["protocolMappers"] = new JsonArray(new JsonObject
            {
                ["name"] = "nonce backwards compatible", ["protocol"] = "openid-connect", ["protocolMapper"] = "oidc-nonce-backwards-compatible-mapper", ["config"] = new JsonObject(),
            }));
        await using var stack = await StandInStack.StartAsync(new StandInStackOptions { Defects = [DefectNames.DashboardKeycloakJs21], BrokerFixture = fixture.Path, TargetHost = CrossSite });

        await LogInAsync(stack);
    }

    [Test]
    public async Task Keycloak_js_21_logs_in_to_a_Keycloak_24_realm()
    {
        await using var stack = await StandInStack.StartAsync(new StandInStackOptions { Defects = [DefectNames.DashboardKeycloakJs21], KeycloakVersion = 24, TargetHost = CrossSite });

        await LogInAsync(stack);
    }

    [TestCase(24)]
    [TestCase(26)]
    public async Task Keycloak_js_26_logs_in_to_Keycloak_24_and_26_realms(int keycloakVersion)
    {
        await using var stack = await StandInStack.StartAsync(new StandInStackOptions { KeycloakVersion = keycloakVersion, TargetHost = CrossSite });

        var kc = await LogInAsync(stack);

        kc.RequestsTo("/dashboard-kc/keycloak-21.js").Should().BeEmpty();
    }

    private async Task<KcDashboardPage> LogInAsync(StandInStack stack)
    {
        var kc = await KcDashboardPage.OpenAsync(await NewPageAsync(), stack.TargetUrl);
        await kc.ExpectStatusAsync("logged-out");
        await kc.LogInThroughTheIdpAsync("alice");
        kc.Console.Should().NotContain(line => line.Contains("Invalid nonce", StringComparison.Ordinal));
        (await kc.Dashboard.SendAsync("GET", "/api/v1/datasets/alice-private-1")).Status.Should().Be("200");
        return kc;
    }
}
