using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.Playwright;
using NUnit.Framework;
using PbenchAuthSpec.MockBroker.Tests.Support;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.SpecTests.Browser;
using PbenchAuthSpec.StandIns;

namespace PbenchAuthSpec.MockBroker.Tests;

/// <summary>
/// A real client nobody here wrote: keycloak-js from npm, in Chromium, with the Pbench dashboard's
/// options plus PKCE S256 and fragment mode, logging in through MockBroker and the real MockIdp.
/// Any console warning or error (keycloak-js logs its iframe problems that way) fails the test.
/// </summary>
[NonParallelizable]
public sealed class KeycloakJsBrowserTests
{
    private static readonly LocatorAssertionsToHaveTextOptions Slow = new() { Timeout = 20_000 };
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private string _keycloakJs = null!;

    [OneTimeSetUp]
    public async Task LaunchChromium()
    {
        _keycloakJs = await KeycloakJsPackage.EnsureInstalledAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await BrowserLauncher.LaunchAsync(_playwright);
    }

    [OneTimeTearDown]
    public async Task CloseChromium()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    [Test]
    public async Task Keycloak_js_check_sso_logs_in_through_broker_and_idp_then_refreshes_with_no_iframe_warnings()
    {
        await using var visit = await Visit.StartAsync(_browser, _keycloakJs);
        var page = visit.Page;

        await page.GotoAsync(visit.DashboardUrl);
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("logged-out", Slow);
        (await Answers(page)).Should().Equal(["supported", "unchanged"], "the 3p-cookie probe succeeded and the status frame saw no session");

        await LogInAsync(page, "alice", "alice-password");
        await Assertions.Expect(page.Locator("#user")).ToHaveTextAsync("alice");
        await page.WaitForFunctionAsync("() => window.iframeAnswers.includes('unchanged')");
        var before = await page.EvaluateAsync<string>("() => window.keycloak.token");
        await page.ClickAsync("#refresh");
        await Assertions.Expect(page.Locator("#refreshes")).ToHaveTextAsync("1", Slow);

        (await page.EvaluateAsync<string>("() => window.keycloak.token")).Should().NotBe(before);
        (await page.EvaluateAsync<string>("() => window.keycloak.tokenParsed.iss")).Should().Be(visit.Stack.RealmUrl);
        (await page.EvaluateAsync<bool>("() => window.keycloak.tokenParsed.aud.includes('pbench-server')")).Should().BeTrue();
        (await Answers(page)).Should().NotContain(["changed", "error"]);
        page.Url.Should().NotContain("code=", "keycloak-js removed the authorization response from the URL");
        visit.Console.Problems.Should().BeEmpty();
    }

    [Test]
    public async Task Refresh_after_a_back_channel_logout_fails_and_the_console_watch_sees_keycloak_js_warn()
    {
        await using var visit = await Visit.StartAsync(_browser, _keycloakJs);
        var page = await visit.LoggedInAsync("alice", "alice-password");
        var refreshToken = await page.EvaluateAsync<string>("() => window.keycloak.refreshToken");
        using var http = new HttpClient();
        var logout = await http.PostAsync(
            new Uri($"{visit.Stack.RealmUrl}/protocol/openid-connect/logout"),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["client_id"] = "pbench-client", ["refresh_token"] = refreshToken }));
        logout.StatusCode.Should().Be(System.Net.HttpStatusCode.NoContent);

        await page.ClickAsync("#refresh");

        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^error: refresh failed"), Slow);
        (await page.EvaluateAsync<bool>("() => window.keycloak.authenticated")).Should().BeFalse("keycloak-js drops its tokens on a 400 from the token endpoint");
        visit.Console.Problems.Should().Contain(p => p.StartsWith("warning: [KEYCLOAK] Failed to refresh token", StringComparison.Ordinal));
    }

    [Test]
    public async Task Reloading_after_login_signs_in_silently_with_prompt_none()
    {
        await using var visit = await Visit.StartAsync(_browser, _keycloakJs);
        var page = await visit.LoggedInAsync("bob", "bob-password");

        await page.GotoAsync(visit.DashboardUrl);

        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("logged-in", Slow);
        await Assertions.Expect(page.Locator("#user")).ToHaveTextAsync("bob");
        visit.Stack.Journal.Entries("broker").Should().Contain(e => e.Url.Contains("prompt=none", StringComparison.Ordinal) && e.Status == 302);
        visit.Console.Problems.Should().BeEmpty();
    }

    [Test]
    public async Task Logout_in_another_tab_makes_the_status_iframe_answer_changed_and_keycloak_js_drops_its_tokens()
    {
        await using var visit = await Visit.StartAsync(_browser, _keycloakJs);
        var page = await visit.LoggedInAsync("alice", "alice-password");
        var idToken = await page.EvaluateAsync<string>("() => window.keycloak.idToken");

        var other = await page.Context.NewPageAsync();
        await other.GotoAsync($"{visit.Stack.RealmUrl}/protocol/openid-connect/logout?id_token_hint={idToken}");
        await Assertions.Expect(other.Locator("#kc-page-title")).ToHaveTextAsync("You are logged out");

        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("logged-out", Slow);
        (await Answers(page)).Should().Contain("changed");
    }

    [Test]
    public async Task Step_11_after_a_browser_login_the_admin_api_shows_the_imported_user_and_its_link()
    {
        await using var visit = await Visit.StartAsync(_browser, _keycloakJs);
        var page = await visit.LoggedInAsync("alice", "alice-password");

        using var admin = await AdminClient.StartAsync(visit.Stack.Broker.BaseUrl);
        var users = await admin.GetAsync<JsonArray>("/admin/realms/pbench-server/users?username=alice");
        var alice = users.Should().ContainSingle().Subject!;
        var links = await admin.GetAsync<JsonArray>($"/admin/realms/pbench-server/users/{alice["id"]}/federated-identity");

        alice["id"]!.GetValue<string>().Should().Be(ImportedUserIds.For("pbench-server", "mockidp", "idp-4ab0c376-7991-40c9-8bbe-c1ae1fd49e88").ToString());
        alice["email"]!.GetValue<string>().Should().Be("alice@example.com");
        links.Should().ContainSingle();
        links[0]!["identityProvider"]!.GetValue<string>().Should().Be("mockidp");
        links[0]!["userId"]!.GetValue<string>().Should().Be("idp-4ab0c376-7991-40c9-8bbe-c1ae1fd49e88");
        links[0]!["userName"]!.GetValue<string>().Should().Be("alice");
        (await page.EvaluateAsync<string>("() => window.keycloak.subject")).Should().Be(alice["id"]!.GetValue<string>());
    }

    /// <summary>Dashboard button, the broker's IdP button, MockIdp's login form and consent, back to a logged-in dashboard.</summary>
    private static async Task LogInAsync(IPage page, string username, string password)
    {
        await page.ClickAsync("#login");
        await page.ClickAsync("#kc-social-providers a#social-mockidp");
        await page.FillAsync("form#login-form input#username", username);
        await page.FillAsync("form#login-form input#password", password);
        await page.ClickAsync("button#login");
        await page.ClickAsync("button#consent-allow");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("logged-in", Slow);
    }

    private static Task<string[]> Answers(IPage page) => page.EvaluateAsync<string[]>("() => window.iframeAnswers");

    private sealed class ConsoleWatch
    {
        private readonly List<string> _problems = [];

        /// <summary>Warnings, errors and page errors of <paramref name="page"/>.</summary>
        public static ConsoleWatch On(IPage page, string idpBaseUrl)
        {
            var watch = new ConsoleWatch();
            page.Console += (_, message) =>
            {
                // MockIdp (another component) has no favicon; that 404 says nothing about keycloak-js or the broker.
                if (message.Location.StartsWith($"{idpBaseUrl}/favicon.ico", StringComparison.Ordinal))
                {
                    return;
                }

                watch.Add(message.Type, $"{message.Text} ({message.Location})");
            };
            page.PageError += (_, error) => watch.Add("pageerror", error);
            return watch;
        }

        public IReadOnlyList<string> Problems
        {
            get
            {
                lock (_problems)
                {
                    return _problems.ToList();
                }
            }
        }

        public void Add(string type, string text)
        {
            if (type is "warning" or "error" or "pageerror")
            {
                lock (_problems)
                {
                    _problems.Add($"{type}: {text}");
                }
            }
        }
    }

    /// <summary>One test's world: the real MockIdp and MockBroker, the keycloak-js dashboard, a fresh browser context and a watched page.</summary>
    private sealed class Visit : IAsyncDisposable
    {
        private Visit(StandInStack stack, StandInHost dashboard, IBrowserContext context, IPage page)
        {
            Stack = stack;
            Dashboard = dashboard;
            Context = context;
            Page = page;
            Console = ConsoleWatch.On(page, stack.Idp.BaseUrl);
        }

        public StandInStack Stack { get; }

        public StandInHost Dashboard { get; }

        public IBrowserContext Context { get; }

        public IPage Page { get; }

        public ConsoleWatch Console { get; }

        public string DashboardUrl => Dashboard.BaseUrl + KeycloakJsDashboard.Path;

        public static async Task<Visit> StartAsync(IBrowser browser, string keycloakJs)
        {
            var stack = await StandInStack.StartAsync(new StandInStackOptions { StartTarget = false });
            StandInHost? dashboard = null;
            try
            {
                dashboard = await KeycloakJsDashboard.StartAsync(stack.Urls, keycloakJs);
                var context = await browser.NewContextAsync();
                return new Visit(stack, dashboard, context, await context.NewPageAsync());
            }
            catch
            {
                if (dashboard is not null)
                {
                    await dashboard.DisposeAsync();
                }

                await stack.DisposeAsync();
                throw;
            }
        }

        /// <summary>The dashboard, logged in as <paramref name="username"/> through the broker and MockIdp.</summary>
        public async Task<IPage> LoggedInAsync(string username, string password)
        {
            await Page.GotoAsync(DashboardUrl);
            await LogInAsync(Page, username, password);
            return Page;
        }

        public async ValueTask DisposeAsync()
        {
            await Context.DisposeAsync();
            await Dashboard.DisposeAsync();
            await Stack.DisposeAsync();
        }
    }
}
