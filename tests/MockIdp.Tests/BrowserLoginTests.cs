using FluentAssertions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Playwright;
using NUnit.Framework;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.SpecTests.Browser;

namespace PbenchAuthSpec.MockIdp.Tests;

/// <summary>Debian's Chromium signs in through MockIdp's own HTML pages and lands on the broker's redirect URI.</summary>
[TestFixture]
public sealed class BrowserLoginTests
{
    private const string EndpointPath = "/realms/pbench-server/broker/mockidp/endpoint";

    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    [OneTimeSetUp]
    public async Task LaunchAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await BrowserLauncher.LaunchAsync(_playwright);
    }

    [OneTimeTearDown]
    public async Task CloseAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    [Test]
    public async Task Chromium_logs_in_through_the_login_and_consent_pages_and_lands_on_the_redirect_uri_with_code_and_state()
    {
        var stack = new StackUrls();
        await using var broker = await StartBrokerEndpointAsync(stack);
        await using var idp = await MockIdpServer.StartAsync(new MockIdpOptions { Stack = stack });
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var state = "browser-state." + Guid.NewGuid().ToString("N");
        var verifier = IdpTestClient.NewVerifier();
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = TestIdp.ClientId,
            ["redirect_uri"] = broker.BaseUrl + EndpointPath,
            ["response_type"] = "code",
            ["scope"] = "openid profile email",
            ["state"] = state,
            ["nonce"] = "browser-nonce",
            ["code_challenge"] = IdpTestClient.S256(verifier),
            ["code_challenge_method"] = "S256",
        };

        await page.GotoAsync(QueryHelpers.AddQueryString($"{idp.BaseUrl}/authorize", query));
        await page.Locator("form#login-form").WaitForAsync();
        await page.Locator("input#username").FillAsync("alice");
        await page.Locator("input#password").FillAsync("wrong-password");
        await page.Locator("button#login").ClickAsync();
        await page.Locator("#error").WaitForAsync();
        await page.Locator("input#password").FillAsync("alice-password");
        await page.Locator("button#login").ClickAsync();
        await page.Locator("form#consent-form").WaitForAsync();
        await page.Locator("button#consent-allow").ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(broker.BaseUrl + EndpointPath, StringComparison.Ordinal));

        var landed = QueryHelpers.ParseQuery(new Uri(page.Url).Query);
        landed["state"].ToString().Should().Be(state);
        landed["iss"].ToString().Should().Be(idp.BaseUrl);
        landed["code"].ToString().Should().NotBeNullOrEmpty();
        (await page.Locator("body").InnerTextAsync()).Should().Contain("broker endpoint reached");
        idp.Host.Journal.Entries("idp").First(e => e.Url.Contains("/authorize?", StringComparison.Ordinal)).Status.Should().Be(303);

        using var client = new IdpTestClient(idp.BaseUrl);
        var tokens = await client.RedeemAsync(landed["code"]!, verifier, broker.BaseUrl + EndpointPath);
        CodeFlowTests.AssertTokenResponse(tokens, idp.BaseUrl, "browser-nonce", "alice");
    }

    [Test]
    public async Task Chromium_submits_the_form_post_response_under_the_pages_content_security_policy()
    {
        var stack = new StackUrls();
        await using var broker = await StartBrokerEndpointAsync(stack);
        await using var idp = await MockIdpServer.StartAsync(new MockIdpOptions { Stack = stack });
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = TestIdp.ClientId,
            ["redirect_uri"] = broker.BaseUrl + EndpointPath,
            ["response_type"] = "code",
            ["response_mode"] = "form_post",
            ["scope"] = "openid",
            ["state"] = "form-post-state",
        };

        await page.GotoAsync(QueryHelpers.AddQueryString($"{idp.BaseUrl}/authorize", query));
        await page.Locator("input#username").FillAsync("bob");
        await page.Locator("input#password").FillAsync("bob-password");
        await page.Locator("button#login").ClickAsync();
        await page.Locator("button#consent-allow").ClickAsync();
        await page.Locator("#posted").WaitForAsync();

        page.Url.Should().Be(broker.BaseUrl + EndpointPath);
        (await page.Locator("#posted").InnerTextAsync()).Should().Be($"state=form-post-state iss={idp.BaseUrl} code=yes");
    }

    // A stand-in for the broker's /broker/mockidp/endpoint: it only has to be there for the browser to land on.
    private static async Task<StandInHost> StartBrokerEndpointAsync(StackUrls stack)
    {
        var host = await StandInHost.StartAsync(
            new StandInHostOptions { Name = "broker" },
            (app, _) =>
            {
                app.MapGet(EndpointPath, () => Results.Text("<!doctype html><p>broker endpoint reached</p>", "text/html"));
                app.MapPost(EndpointPath, async (HttpRequest request) =>
                {
                    var form = (await ProtocolParameters.FromFormAsync(request)).Parameters!;
                    var posted = $"state={form["state"]} iss={form["iss"]} code={(form.Has("code") ? "yes" : "no")}";
                    return Results.Text($"<!doctype html><p id=\"posted\">{System.Net.WebUtility.HtmlEncode(posted)}</p>", "text/html");
                });
            });
        stack.Set("broker", host.BaseUrl);
        return host;
    }
}
