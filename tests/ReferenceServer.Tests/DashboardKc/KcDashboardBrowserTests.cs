using FluentAssertions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using NUnit.Framework;
using PbenchAuthSpec.MockBroker;
using PbenchAuthSpec.MockIdp;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.StandIns;

namespace PbenchAuthSpec.ReferenceServer.Tests.DashboardKc;

/// <summary>
/// The keycloak-js dashboard at <c>/dashboard-kc/</c> in Chromium against the real MockIdp,
/// MockBroker and ReferenceServer: the traffic Pbench's own dashboard makes.
/// </summary>
public sealed class KcDashboardBrowserTests : ChromiumFixture
{
    private const string Realm = "pbench-server";

    [Test]
    public async Task Alice_logs_in_after_check_sso_finds_no_session_and_the_page_shows_200_403_then_session_expired_on_401()
    {
        var stack = new StackUrls();
        var journal = new Journal();
        var serverClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var idp = await MockIdpServer.StartAsync(new MockIdpOptions { Stack = stack, Journal = journal });
        await using var broker = await MockBrokerServer.StartAsync(new MockBrokerOptions { Stack = stack, Journal = journal });
        await using var target = await ReferenceServerHost.StartAsync(new ReferenceServerOptions { Stack = stack, Journal = journal, Clock = serverClock });
        var kc = await KcDashboardPage.OpenAsync(await NewPageAsync(), target.BaseUrl);
        await kc.ExpectStatusAsync("logged-out");

        // Keycloak 26's login-status iframe answers "unchanged" when there is neither a session
        // cookie nor a session: keycloak-js then skips the prompt=none round trip.
        await kc.WaitForIframeAnswerAsync("unchanged");
        (await kc.IframeAnswersAsync()).Should().Contain("supported", "same site: the 3p-cookies probe finds its cookie");
        AuthorizationRequests(journal).Should().BeEmpty();
        kc.RequestsTo("/protocol/openid-connect/3p-cookies/step1.html").Should().NotBeEmpty();
        kc.RequestsTo("/protocol/openid-connect/login-status-iframe.html").Should().NotBeEmpty();
        await kc.LogInThroughTheIdpAsync("alice");
        await kc.WaitForIframeAnswerAsync("unchanged");

        await Assertions.Expect(kc.Dashboard.User).ToHaveTextAsync("alice");
        (await kc.Dashboard.SendAsync("GET", "/api/v1/datasets/alice-private-1")).Status.Should().Be("200");
        (await kc.Dashboard.SendAsync("DELETE", "/api/v1/datasets/bob-private-1")).Status.Should().Be("403");
        await Assertions.Expect(kc.Page.Locator("#session-expired")).ToBeHiddenAsync();
        AuthorizationRequests(journal).Should().OnlyContain(url => url.Contains("code_challenge_method=S256", StringComparison.Ordinal) && url.Contains("response_mode=fragment", StringComparison.Ordinal));
        kc.ConsoleProblems.Where(text => !text.StartsWith("Failed to load resource", StringComparison.Ordinal)).Should().BeEmpty("keycloak-js must not complain about MockBroker's iframes");

        serverClock.Advance(TimeSpan.FromHours(1));
        (await kc.Dashboard.SendAsync("GET", "/api/v1/datasets/alice-private-1")).Status.Should().Be("401");
        await Assertions.Expect(kc.Page.Locator("#session-expired")).ToContainTextAsync("Session Expired");
        await kc.Page.Locator("button#session-expired-login").ClickAsync();
        await kc.ExpectStatusAsync("logged-in");
        AuthorizationRequests(journal).Should().HaveCount(2, "the login, and the way back after Session Expired (the broker session still holds)");
    }

    [Test]
    public async Task Across_sites_the_browser_blocks_the_broker_frames_cookies_so_check_sso_asks_with_prompt_none_and_gets_login_required()
    {
        // A real deployment: the dashboard (localhost) and the broker (127.0.0.1) are different sites,
        // and Chromium blocks the broker frame's cookies (document.hasStorageAccess() is false).
        await using var stack = await StandInStack.StartAsync(new StandInStackOptions { TargetHost = "localhost" });
        var kc = await KcDashboardPage.OpenAsync(await NewPageAsync(), stack.TargetUrl);
        await kc.ExpectStatusAsync("logged-out");

        (await kc.IframeAnswersAsync()).Should().Contain("unsupported");
        SilentCheckSsoAnswers(stack.Journal).Should().ContainSingle().Which.Should().StartWith($"{stack.TargetUrl}/dashboard-kc/").And.Contain("#error=login_required&state=");
        kc.RequestsTo("/protocol/openid-connect/login-status-iframe.html").Should().BeEmpty("keycloak-js turns the login iframe off when third-party cookies are blocked");
        kc.ConsoleProblems.Where(text => !text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            .Should().NotBeEmpty().And.OnlyContain(text => text.Contains("blocking access to 3rd-party cookies", StringComparison.Ordinal), "the only complaint is keycloak-js's warning about the blocked cookies");

        await kc.LogInThroughTheIdpAsync("alice");
        (await kc.Dashboard.SendAsync("GET", "/api/v1/datasets/alice-private-1")).Status.Should().Be("200");
    }

    [Test]
    public async Task An_expiring_access_token_is_refreshed_by_updateToken_without_a_new_login()
    {
        await using var stack = await StandInStack.StartAsync();
        stack.Broker.SetLifetimes(Realm, accessToken: TimeSpan.FromSeconds(5));
        var kc = await KcDashboardPage.OpenAsync(await NewPageAsync(), stack.Target.BaseUrl);
        await kc.LogInThroughTheIdpAsync("alice");
        var logins = AuthorizationRequests(stack.Journal).Count;
        var before = stack.Journal.LastSequence;

        (await kc.Dashboard.SendAsync("GET", "/api/v1/datasets/alice-private-1")).Status.Should().Be("200");

        stack.Journal.Entries("broker", before).Should().Contain(e =>
            e.Method == "POST" && e.Url.EndsWith("/protocol/openid-connect/token", StringComparison.Ordinal) && e.Status == 200
            && e.RequestBody != null && e.RequestBody.Contains("grant_type=refresh_token", StringComparison.Ordinal));
        AuthorizationRequests(stack.Journal).Should().HaveCount(logins, "a refresh is not a new login");
        await Assertions.Expect(kc.Dashboard.User).ToHaveTextAsync("alice");
    }

    [Test]
    public async Task A_second_tab_with_a_broker_session_logs_in_silently_through_a_prompt_none_round_trip()
    {
        await using var stack = await StandInStack.StartAsync();
        var kc = await KcDashboardPage.OpenAsync(await NewPageAsync(), stack.Target.BaseUrl);
        await kc.LogInThroughTheIdpAsync("alice");

        // The session cookie exists but the new page has no session yet: the iframe answers
        // "changed" and keycloak-js asks the broker with prompt=none, answered with a code.
        var second = await KcDashboardPage.OpenAsync(await kc.Page.Context.NewPageAsync(), stack.Target.BaseUrl);
        await second.ExpectStatusAsync("logged-in");

        var answers = SilentCheckSsoAnswers(stack.Journal);
        answers.Should().ContainSingle().Which.Should().Contain("/dashboard-kc/").And.Contain("#").And.Contain("code=");
        await Assertions.Expect(second.Dashboard.User).ToHaveTextAsync("alice");
        (await second.Dashboard.SendAsync("GET", "/api/v1/datasets/alice-private-1")).Status.Should().Be("200");
    }

    [Test]
    public async Task Ending_the_broker_session_makes_the_login_status_iframe_answer_changed_and_the_page_log_out()
    {
        await using var stack = await StandInStack.StartAsync();
        var kc = await KcDashboardPage.OpenAsync(await NewPageAsync(), stack.Target.BaseUrl);
        await kc.LogInThroughTheIdpAsync("alice");
        await kc.WaitForIframeAnswerAsync("unchanged");

        // Another tab of the same browser logs out at the broker, which clears its session cookies
        // (the login-status iframe reads only those, as Keycloak's does).
        var otherTab = await kc.Page.Context.NewPageAsync();
        var idToken = await kc.Page.EvaluateAsync<string>("() => window.keycloak.idToken");
        var logout = await otherTab.GotoAsync($"{stack.RealmUrl}/protocol/openid-connect/logout?id_token_hint={Uri.EscapeDataString(idToken)}");
        logout!.Status.Should().Be(200);

        await kc.WaitForIframeAnswerAsync("changed");
        await kc.ExpectStatusAsync("logged-out");
        await Assertions.Expect(kc.Dashboard.User).ToBeEmptyAsync();
        kc.ConsoleProblems.Where(text => !text.StartsWith("Failed to load resource", StringComparison.Ordinal)).Should().BeEmpty("same site: keycloak-js has nothing to say about the broker's iframes");
    }

    private static List<string> AuthorizationRequests(Journal journal) =>
        [.. journal.Entries("broker").Where(e => e.Method == "GET" && e.Url.Contains("/protocol/openid-connect/auth?", StringComparison.Ordinal)).Select(e => e.Url)];

    // keycloak-js's check-sso (without silentCheckSsoRedirectUri) is a full-page prompt=none
    // authorization request; these are the broker's redirects back (Location headers).
    private static List<string> SilentCheckSsoAnswers(Journal journal) =>
    [
        .. journal.Entries("broker")
            .Where(e => e.Url.Contains("/protocol/openid-connect/auth?", StringComparison.Ordinal) && e.Url.Contains("prompt=none", StringComparison.Ordinal))
            .Select(e => e.ResponseHeaders.FirstOrDefault(h => h.Key.Equals("Location", StringComparison.OrdinalIgnoreCase)).Value ?? ""),
    ];
}
