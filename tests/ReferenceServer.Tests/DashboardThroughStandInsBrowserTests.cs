using FluentAssertions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using NUnit.Framework;
using PbenchAuthSpec.MockBroker;
using PbenchAuthSpec.MockIdp;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.ReferenceServer.Tests.Support;

namespace PbenchAuthSpec.ReferenceServer.Tests;

/// <summary>
/// The whole diagram in Chromium: the dashboard logs alice in through MockBroker's IdP button and
/// MockIdp's login and consent pages, shows a 200, a 403 and a 401, and logs out at the broker.
/// </summary>
public sealed class DashboardThroughStandInsBrowserTests : ChromiumFixture
{
    [TestCase("query")]
    [TestCase("fragment")]
    public async Task Dashboard_logs_alice_in_through_MockBroker_and_MockIdp_and_shows_200_403_and_401_then_logs_out(string responseMode)
    {
        var stack = new StackUrls();
        var journal = new Journal();
        var serverClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var idp = await MockIdpServer.StartAsync(new MockIdpOptions { Stack = stack, Journal = journal });
        await using var broker = await MockBrokerServer.StartAsync(new MockBrokerOptions { Stack = stack, Journal = journal });
        await using var target = await ReferenceServerHost.StartAsync(new ReferenceServerOptions { Stack = stack, Journal = journal, Clock = serverClock });
        var page = await NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) => console.Add(message.Text);
        var dashboard = new DashboardPage(page);
        await dashboard.OpenAsync($"{target.BaseUrl}/dashboard/?response_mode={responseMode}");
        await dashboard.ExpectStatusAsync("logged-out");

        await dashboard.LoginAsync();
        await page.Locator("#kc-social-providers a#social-mockidp").ClickAsync();
        await page.Locator("form#login-form input#username").FillAsync("alice");
        await page.Locator("input#password").FillAsync("alice-password");
        await page.Locator("button#login").ClickAsync();
        await AllowConsentIfAskedAsync(page);
        await BackAtTheDashboardAsync(page, target.BaseUrl, console);
        await dashboard.ExpectStatusAsync("logged-in");

        await Assertions.Expect(dashboard.User).ToHaveTextAsync("alice");
        page.Url.Should().StartWith($"{target.BaseUrl}/dashboard/");
        (await dashboard.SendAsync("GET", "/api/v1/datasets/alice-private-1")).Status.Should().Be("200");
        var forbidden = await dashboard.SendAsync("DELETE", "/api/v1/datasets/bob-private-1");
        forbidden.Status.Should().Be("403");
        forbidden.Body.Should().Contain("User alice is not authorized to DELETE");
        serverClock.Advance(TimeSpan.FromHours(1));
        var expired = await dashboard.SendAsync("GET", "/api/v1/datasets/alice-private-1");
        expired.Status.Should().Be("401");
        expired.Body.Should().Contain("expired");
        journal.Entries("broker").Should().Contain(e => e.Method == "POST" && e.Url.EndsWith("/protocol/openid-connect/token", StringComparison.Ordinal));

        await dashboard.LogoutAsync();
        await dashboard.ExpectStatusAsync("logged-out");
        journal.Entries("broker").Should().Contain(e => e.Url.Contains("/protocol/openid-connect/logout?", StringComparison.Ordinal));
    }

    // A redirect the browser refuses (a CSP form-action, say) leaves the page where it was: say why.
    private static async Task BackAtTheDashboardAsync(IPage page, string targetUrl, List<string> console)
    {
        try
        {
            await page.WaitForURLAsync(url => url.StartsWith($"{targetUrl}/dashboard/", StringComparison.Ordinal));
        }
        catch (TimeoutException)
        {
            // The assertion below reports where the browser stopped and what its console said.
        }

        page.Url.Should().StartWith($"{targetUrl}/dashboard/", "the login must come back to the dashboard; browser console: {0}", string.Join(" | ", console));
    }

    // MockIdp asks for consent the first time a user meets a client; a later login goes straight back.
    private static async Task AllowConsentIfAskedAsync(IPage page)
    {
        var consent = page.Locator("form#consent-form button#consent-allow");
        var dashboard = page.Locator("#api-send");
        await Assertions.Expect(consent.Or(dashboard)).ToBeVisibleAsync();
        if (await consent.IsVisibleAsync())
        {
            await consent.ClickAsync();
        }
    }
}
