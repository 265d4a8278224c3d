using Microsoft.Playwright;

namespace PbenchAuthSpec.ReferenceServer.Tests.Support;

/// <summary>The dashboard driven through the contract's element ids.</summary>
public sealed class DashboardPage(IPage page)
{
    public IPage Page => page;

    public ILocator Status => page.Locator("#status");

    public ILocator User => page.Locator("#user");

    public Task OpenAsync(string dashboardUrl) => page.GotoAsync(dashboardUrl);

    public Task ExpectStatusAsync(string status) => Assertions.Expect(Status).ToHaveTextAsync(status);

    public Task LoginAsync() => page.Locator("#login").ClickAsync();

    public Task LogoutAsync() => page.Locator("#logout").ClickAsync();

    /// <summary>Sends one API call through the page and returns the shown HTTP status and body.</summary>
    public async Task<(string Status, string Body)> SendAsync(string method, string path, string body = "")
    {
        await page.Locator("#api-method").SelectOptionAsync(method);
        await page.Locator("#api-path").FillAsync(path);
        await page.Locator("#api-body").FillAsync(body);
        await page.Locator("#api-send").ClickAsync();
        await Assertions.Expect(page.Locator("#api-status")).Not.ToBeEmptyAsync();
        return (await page.Locator("#api-status").InnerTextAsync(), await page.Locator("#api-response").InnerTextAsync());
    }
}
