using FluentAssertions;
using Microsoft.Playwright;
using NUnit.Framework;
using PbenchAuthSpec.ReferenceServer.Tests.Support;

namespace PbenchAuthSpec.ReferenceServer.Tests;

/// <summary>Each dashboard defect changes the request the page really sends, seen by the broker or the network.</summary>
public sealed class DashboardDefectBrowserTests : ChromiumFixture
{
    [Test]
    public async Task Skip_state_exchanges_a_forged_callbacks_code()
    {
        await using var target = await TargetWithBroker.StartAsync([DefectNames.DashboardSkipState]);
        var dashboard = await LoggedInAsync(target);

        await dashboard.OpenAsync($"{target.Server.BaseUrl}/dashboard/callback?code=forged&state=forged");
        await Assertions.Expect(dashboard.Status).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^error: the token endpoint answered 400"));

        target.Broker.Login.TokenRequests.Select(r => r["code"]).Should().Contain("forged");
    }

    [Test]
    public async Task No_pkce_sends_neither_challenge_nor_verifier()
    {
        await using var target = await TargetWithBroker.StartAsync([DefectNames.DashboardNoPkce]);

        await LoggedInAsync(target);

        target.Broker.Login.AuthorizationRequests.Single().Should().NotContainKey("code_challenge").And.NotContainKey("code_challenge_method");
        target.Broker.Login.TokenRequests.Single().Should().NotContainKey("code_verifier");
    }

    [Test]
    public async Task Pkce_plain_sends_the_verifier_itself_as_the_challenge()
    {
        await using var target = await TargetWithBroker.StartAsync([DefectNames.DashboardPkcePlain]);

        await LoggedInAsync(target);

        var authorization = target.Broker.Login.AuthorizationRequests.Single();
        authorization["code_challenge_method"].Should().Be("plain");
        authorization["code_challenge"].Should().Be(target.Broker.Login.TokenRequests.Single()["code_verifier"]);
    }

    [Test]
    public async Task Wrong_redirect_uri_is_refused_by_the_broker_with_a_400_page()
    {
        await using var target = await TargetWithBroker.StartAsync([DefectNames.DashboardWrongRedirectUri]);
        var page = await NewPageAsync();
        var dashboard = new DashboardPage(page);
        await dashboard.OpenAsync($"{target.Server.BaseUrl}/dashboard/");
        await dashboard.ExpectStatusAsync("logged-out");

        var answer = await page.RunAndWaitForResponseAsync(dashboard.LoginAsync, r => r.Url.Contains("/protocol/openid-connect/auth", StringComparison.Ordinal));

        answer.Status.Should().Be(400);
        target.Broker.Login.AuthorizationRequests.Single()["redirect_uri"].Should().Be($"{target.Server.BaseUrl}/callback");
        await Assertions.Expect(page.Locator("#kc-error-message")).ToHaveTextAsync("Invalid parameter: redirect_uri");
    }

    [Test]
    public async Task Token_to_other_origin_sends_the_access_token_to_the_other_loopback_origin()
    {
        await using var target = await TargetWithBroker.StartAsync([DefectNames.DashboardTokenToOtherOrigin]);
        var page = await NewPageAsync();
        var dashboard = new DashboardPage(page);
        var other = $"http://localhost:{new Uri(target.Server.BaseUrl).Port}/";
        await dashboard.OpenAsync($"{target.Server.BaseUrl}/dashboard/");

        var beacon = await page.RunAndWaitForRequestAsync(dashboard.LoginAsync, r => r.Url.StartsWith(other, StringComparison.Ordinal));
        await dashboard.ExpectStatusAsync("logged-in");

        var token = await page.EvaluateAsync<string>("JSON.parse(sessionStorage.getItem('pbench-dashboard.session')).accessToken");
        beacon.Url.Should().Be($"{other}dashboard/beacon.gif?access_token={Uri.EscapeDataString(token)}");
        var answer = await beacon.ResponseAsync();
        answer.Should().NotBeNull(beacon.Failure);
        answer!.Status.Should().Be(200, "the request left the browser and reached a server");
    }

    private async Task<DashboardPage> LoggedInAsync(TargetWithBroker target)
    {
        var dashboard = new DashboardPage(await NewPageAsync());
        await dashboard.OpenAsync($"{target.Server.BaseUrl}/dashboard/");
        await dashboard.LoginAsync();
        await dashboard.ExpectStatusAsync("logged-in");
        return dashboard;
    }
}
