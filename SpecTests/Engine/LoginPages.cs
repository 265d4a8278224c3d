using Microsoft.Playwright;
using PbenchAuthSpec.SpecTests.Settings;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>
/// Drives the broker's login page and the IdP's login and consent pages as a person would, up to
/// the moment the browser arrives back at the redirect URI (<paramref name="arrival"/> visible).
/// </summary>
public sealed class LoginPages(SpecSettings settings)
{
    /// <summary>From the broker's login page (step 4) through the IdP (5–10) to the arrival (12/13); null when it got there.</summary>
    public async Task<WalkResult?> LogInAsync(IPage page, ILocator arrival, int? untilStep)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(arrival);
        var broker = settings.BrokerPage;
        var idp = settings.IdpPage;
        var button = page.Locator(broker.IdpButtonSelector);
        if (await WaitAsync(button) is { } noButton)
        {
            return WalkResult.Stop(page, 4, $"the broker's login page never showed {broker.IdpButtonSelector} ({noButton}); page: {await TitleAsync(page)}");
        }

        if (untilStep <= 4)
        {
            return WalkResult.Stop(page, 4, "--until-step: the broker's login page is showing", untilStep: true);
        }

        await button.First.ClickAsync();
        var username = page.Locator(idp.Username);
        if (await WaitAsync(username) is { } noForm)
        {
            return WalkResult.Stop(page, 8, $"the IdP's login page never showed {idp.Username} ({noForm}); page: {await TitleAsync(page)}");
        }

        if (untilStep <= 8)
        {
            return WalkResult.Stop(page, 8, "--until-step: the IdP's login page is showing", untilStep: true);
        }

        var user = settings.Users.Login;
        await username.FillAsync(user.Username);
        await page.Locator(idp.Password).FillAsync(user.Password ?? "");
        await page.Locator(idp.Submit).ClickAsync();
        return await AfterCredentialsAsync(page, arrival);
    }

    private async Task<WalkResult?> AfterCredentialsAsync(IPage page, ILocator arrival)
    {
        var idp = settings.IdpPage;
        var error = page.Locator(idp.Error);
        var consent = idp.ConsentAllow.Length > 0 ? page.Locator(idp.ConsentAllow) : null;
        var any = consent is null ? arrival.Or(error) : arrival.Or(error).Or(consent);
        if (await WaitAsync(any) is { } nothing)
        {
            return WalkResult.Stop(page, 10, $"after the credentials, neither the redirect back nor a consent page came ({nothing}); page: {await TitleAsync(page)}");
        }

        if (await error.CountAsync() > 0 && await error.First.IsVisibleAsync())
        {
            return WalkResult.Stop(page, 9, $"the IdP refused the credentials of '{settings.Users.Login.Username}': {await error.First.InnerTextAsync()} (set PBENCH_AUTH_SPEC_LOGIN_USERNAME/PASSWORD)");
        }

        if (consent is not null && await consent.CountAsync() > 0 && await consent.First.IsVisibleAsync())
        {
            await consent.First.ClickAsync();
            if (await WaitAsync(arrival) is { } stuck)
            {
                return WalkResult.Stop(page, 10, $"after consent the browser did not come back ({stuck}); page: {await TitleAsync(page)}");
            }
        }

        return null;
    }

    /// <summary>Waits for the element; the failure text when it never shows.</summary>
    public async Task<string?> WaitAsync(ILocator locator)
    {
        ArgumentNullException.ThrowIfNull(locator);
        try
        {
            await locator.First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = settings.Timeouts.NavigationMs });
            return null;
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            return e.Message.Split('\n')[0];
        }
    }

    public static async Task<string> TitleAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        try
        {
            return $"{page.Url} \"{await page.TitleAsync()}\"";
        }
        catch (PlaywrightException)
        {
            return page.Url;
        }
    }
}
