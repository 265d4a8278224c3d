using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Playwright;
using NUnit.Framework;
using PbenchAuthSpec.ReferenceServer.Tests.Support;

namespace PbenchAuthSpec.ReferenceServer.Tests;

/// <summary>
/// The conforming dashboard in Chromium against <see cref="FakeBrokerLogin"/>, whose recorded
/// requests show exactly what the page sent (SPEC steps 3, 13–17).
/// </summary>
public sealed class DashboardBrowserTests : ChromiumFixture
{
    [Test]
    public async Task Dashboard_logs_in_with_state_nonce_and_s256_then_shows_200_403_and_401()
    {
        await using var target = await TargetWithBroker.StartAsync();
        var dashboard = new DashboardPage(await NewPageAsync());
        await dashboard.OpenAsync($"{target.Server.BaseUrl}/dashboard/");
        await dashboard.ExpectStatusAsync("logged-out");

        await dashboard.LoginAsync();
        await dashboard.ExpectStatusAsync("logged-in");

        await Assertions.Expect(dashboard.User).ToHaveTextAsync("alice");
        var authorization = target.Broker.Login.AuthorizationRequests.Should().ContainSingle().Subject;
        var exchange = target.Broker.Login.TokenRequests.Should().ContainSingle().Subject;
        authorization["client_id"].Should().Be("pbench-client");
        authorization["response_type"].Should().Be("code");
        authorization["redirect_uri"].Should().Be($"{target.Server.BaseUrl}/dashboard/callback");
        authorization["scope"].Split(' ').Should().Contain("openid");
        authorization["state"].Should().HaveLength(32);
        authorization["nonce"].Should().HaveLength(32);
        authorization["response_mode"].Should().Be("query");
        authorization["code_challenge_method"].Should().Be("S256");
        authorization["code_challenge"].Should().Be(S256(exchange["code_verifier"]));
        exchange["grant_type"].Should().Be("authorization_code");
        exchange["client_id"].Should().Be("pbench-client");
        exchange["redirect_uri"].Should().Be(authorization["redirect_uri"]);
        dashboard.Page.Url.Should().Be($"{target.Server.BaseUrl}/dashboard/", "the code must not stay in the address bar");

        (await dashboard.SendAsync("GET", "/api/v1/datasets/alice-private-1")).Status.Should().Be("200");
        (await dashboard.SendAsync("DELETE", "/api/v1/datasets/bob-private-1")).Status.Should().Be("403");
        target.Clock.Advance(TimeSpan.FromHours(1));
        var expired = await dashboard.SendAsync("GET", "/api/v1/datasets/alice-private-1");
        expired.Status.Should().Be("401");
        expired.Body.Should().Contain("expired");
    }

    [Test]
    public async Task Fragment_response_mode_is_asked_for_and_read_from_the_fragment()
    {
        await using var target = await TargetWithBroker.StartAsync();
        var dashboard = new DashboardPage(await NewPageAsync());
        await dashboard.OpenAsync($"{target.Server.BaseUrl}/dashboard/?response_mode=fragment");

        await dashboard.LoginAsync();
        await dashboard.ExpectStatusAsync("logged-in");

        target.Broker.Login.AuthorizationRequests.Single()["response_mode"].Should().Be("fragment");
    }

    [Test]
    public async Task Diagram_profile_builds_the_login_from_identity_broker_auth_uri()
    {
        await using var target = await TargetWithBroker.StartAsync(profile: "diagram");
        var dashboard = new DashboardPage(await NewPageAsync());
        await dashboard.OpenAsync($"{target.Server.BaseUrl}/dashboard/");

        await dashboard.LoginAsync();
        await dashboard.ExpectStatusAsync("logged-in");

        target.Broker.Login.TokenRequests.Should().ContainSingle();
    }

    [Test]
    public async Task Dashboard_refreshes_the_access_token_before_it_expires()
    {
        await using var target = await TargetWithBroker.StartAsync();
        target.Broker.Login.ExpiresIn = 4;
        var page = await NewPageAsync();
        var dashboard = new DashboardPage(page);
        await dashboard.OpenAsync($"{target.Server.BaseUrl}/dashboard/");
        await dashboard.LoginAsync();
        await dashboard.ExpectStatusAsync("logged-in");

        var refresh = await page.WaitForRequestAsync(
            r => r.Method == "POST" && r.Url.EndsWith("/token", StringComparison.Ordinal) && (r.PostData ?? "").Contains("grant_type=refresh_token", StringComparison.Ordinal),
            new() { Timeout = 10_000 });
        await refresh.ResponseAsync();

        refresh.PostData.Should().Contain("client_id=pbench-client");
        await dashboard.ExpectStatusAsync("logged-in");
        target.Broker.Login.TokenRequests.Should().HaveCountGreaterThanOrEqualTo(2);
    }

    [Test]
    public async Task Logout_ends_the_broker_session_and_returns_logged_out()
    {
        await using var target = await TargetWithBroker.StartAsync();
        var dashboard = new DashboardPage(await NewPageAsync());
        await dashboard.OpenAsync($"{target.Server.BaseUrl}/dashboard/");
        await dashboard.LoginAsync();
        await dashboard.ExpectStatusAsync("logged-in");

        await dashboard.LogoutAsync();
        await dashboard.ExpectStatusAsync("logged-out");

        await Assertions.Expect(dashboard.User).ToBeEmptyAsync();
        var logout = target.Broker.Login.LogoutRequests.Should().ContainSingle().Subject;
        logout["client_id"].Should().Be("pbench-client");
        logout["post_logout_redirect_uri"].Should().Be($"{target.Server.BaseUrl}/dashboard/");
        logout.Should().ContainKey("id_token_hint");
        (await dashboard.SendAsync("GET", "/api/v1/datasets?mine=true")).Status.Should().Be("401");
    }

    [Test]
    public async Task A_forged_callback_is_refused_without_a_token_request()
    {
        await using var target = await TargetWithBroker.StartAsync();
        var dashboard = new DashboardPage(await NewPageAsync());
        await dashboard.OpenAsync($"{target.Server.BaseUrl}/dashboard/");
        await dashboard.LoginAsync();
        await dashboard.ExpectStatusAsync("logged-in");

        await dashboard.OpenAsync($"{target.Server.BaseUrl}/dashboard/callback?code=forged&state=forged");

        await Assertions.Expect(dashboard.Status).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^error: no login is in progress"));
        target.Broker.Login.TokenRequests.Should().ContainSingle("only the real login's code is exchanged");
    }

    [Test]
    public async Task A_broker_error_in_the_callback_is_shown()
    {
        await using var target = await TargetWithBroker.StartAsync();
        var dashboard = new DashboardPage(await NewPageAsync());

        await dashboard.OpenAsync($"{target.Server.BaseUrl}/dashboard/callback?error=access_denied&error_description=user+said+no");

        await dashboard.ExpectStatusAsync("error: the broker answered access_denied: user said no");
    }

    [Test]
    public async Task The_api_action_never_sends_the_token_to_another_origin()
    {
        await using var target = await TargetWithBroker.StartAsync();
        var dashboard = new DashboardPage(await NewPageAsync());
        await dashboard.OpenAsync($"{target.Server.BaseUrl}/dashboard/");
        await dashboard.LoginAsync();
        await dashboard.ExpectStatusAsync("logged-in");
        var other = $"http://localhost:{new Uri(target.Server.BaseUrl).Port}";

        var (status, body) = await dashboard.SendAsync("GET", $"{other}/api/v1/datasets");

        status.Should().Be("error");
        body.Should().Contain("is not this dashboard's origin");
        target.Server.Host.Journal.Entries("target").Should().NotContain(e => e.Url.StartsWith(other, StringComparison.Ordinal));
    }

    private static string S256(string verifier) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
}
