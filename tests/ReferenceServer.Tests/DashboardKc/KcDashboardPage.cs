using FluentAssertions;
using Microsoft.Playwright;
using PbenchAuthSpec.ReferenceServer.Tests.Support;

namespace PbenchAuthSpec.ReferenceServer.Tests.DashboardKc;

/// <summary>
/// <c>/dashboard-kc/</c> in one Chromium page: the contract's element ids, every request the page
/// and its iframes make, the console's warnings and errors, and the login-status iframe's answers.
/// </summary>
public sealed class KcDashboardPage
{
    // keycloak-js polls its login-status iframe every 5 s by default; the page takes a faster
    // interval from its query so the logout test waits for about a second, not five. Its console
    // warnings (e.g. about blocked third-party cookies) are off by default: the tests read them.
    public const string Query = "?check_login_iframe_interval=1&enable_logging=true";

    // Collects what the login-status iframe posts back ("unchanged", "changed", "error").
    private const string IframeAnswersScript =
        "window.iframeAnswers = []; window.addEventListener('message', (e) => { if (typeof e.data === 'string') window.iframeAnswers.push(e.data); });";

    private readonly List<string> _requests = [];
    private readonly List<string> _console = [];
    private readonly List<string> _allConsole = [];

    private KcDashboardPage(IPage page, string targetUrl)
    {
        Page = page;
        Url = $"{targetUrl}/dashboard-kc/";
        page.Request += (_, request) => _requests.Add(request.Url);
        page.Console += (_, message) =>
        {
            _allConsole.Add(message.Text);
            if (message.Type is "warning" or "error")
            {
                _console.Add(message.Text);
            }
        };
    }

    public IPage Page { get; }

    public string Url { get; }

    public DashboardPage Dashboard => new(Page);

    public IReadOnlyList<string> Requests => _requests;

    public IReadOnlyList<string> ConsoleProblems => _console;

    /// <summary>Every console line, keycloak-js's info lines (<c>[KEYCLOAK] …</c> with enableLogging) included.</summary>
    public IReadOnlyList<string> Console => _allConsole;

    public static async Task<KcDashboardPage> OpenAsync(IPage page, string targetUrl)
    {
        await page.AddInitScriptAsync(IframeAnswersScript);
        var kc = new KcDashboardPage(page, targetUrl);
        await page.GotoAsync(kc.Url + Query);
        return kc;
    }

    public Task ExpectStatusAsync(string status) =>
        Assertions.Expect(Page.Locator("#status")).ToHaveTextAsync(status, new() { Timeout = 15_000 });

    /// <summary>Login → broker page → MockIdp button → login form → consent if asked → back here.</summary>
    public async Task LogInThroughTheIdpAsync(string user)
    {
        await SubmitLoginAsync(user);
        await ExpectStatusAsync("logged-in");
        Page.Url.Should().StartWith(Url, "keycloak-js must come back to the dashboard; console: {0}", string.Join(" | ", _console));
    }

    /// <summary>The login as a person makes it, up to the dashboard's own answer (not judged here).</summary>
    public async Task SubmitLoginAsync(string user)
    {
        await Page.Locator("button#login").ClickAsync();
        await Page.Locator("#kc-social-providers a#social-mockidp").ClickAsync();
        await Page.Locator("form#login-form input#username").FillAsync(user);
        await Page.Locator("input#password").FillAsync($"{user}-password");
        await Page.Locator("button#login").ClickAsync();
        var consent = Page.Locator("form#consent-form button#consent-allow");
        var back = Page.Locator("#api-send");
        await Assertions.Expect(consent.Or(back)).ToBeVisibleAsync(new() { Timeout = 15_000 });
        if (await consent.IsVisibleAsync())
        {
            await consent.ClickAsync();
        }
    }

    /// <summary>Waits until the login-status iframe has posted <paramref name="answer"/>.</summary>
    public Task WaitForIframeAnswerAsync(string answer) =>
        Page.WaitForFunctionAsync($"() => window.iframeAnswers.includes('{answer}')", null, new() { Timeout = 15_000 });


    /// <summary>Every string the page's window received since its last load (3p-cookies probe and login-status answers).</summary>
    public Task<string[]> IframeAnswersAsync() => Page.EvaluateAsync<string[]>("() => window.iframeAnswers");

    public IEnumerable<string> RequestsTo(string fragment) => _requests.Where(url => url.Contains(fragment, StringComparison.Ordinal));
}
