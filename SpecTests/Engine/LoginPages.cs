using Microsoft.Playwright;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Settings;
using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>
/// Drives the broker's login page and the IdP's login and consent pages as a person would, up to
/// the moment the browser is back at the redirect URI (<c>arrival</c> completes).
/// </summary>
public sealed class LoginPages(SpecSettings settings)
{
    private TimeSpan Timeout => TimeSpan.FromMilliseconds(settings.Timeouts.NavigationMs);

    /// <summary>From the broker's login page (step 4) through the IdP (5–10) to the arrival (12/13); null when it got there.</summary>
    /// <param name="arrival">Completes when the browser is back (the dashboard's verdict, or the redirect URI loaded).</param>
    public async Task<WalkResult?> LogInAsync(IPage page, Func<Task> arrival, int? untilStep)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(arrival);
        var broker = settings.BrokerPage;
        var idp = settings.IdpPage;
        var button = page.Locator(broker.IdpButtonSelector);
        var brokerError = page.Locator(broker.Error);
        var shown = await FirstAsync(Visible(button), Visible(brokerError));
        if (shown == 1)
        {
            return await BrokerErrorAsync(page, 4, brokerError);
        }

        if (shown is null)
        {
            return WalkResult.Stop(page, 4, $"the broker's login page never showed {broker.IdpButtonSelector} within {Timeout.TotalSeconds:0} s; {await PageView.DescribeAsync(page)}");
        }

        if (untilStep <= 4)
        {
            return WalkResult.Stop(page, 4, "--until-step: the broker's login page is showing", untilStep: true);
        }

        var brokerOrigin = Urls.Origin(page.Url);
        await button.First.ClickAsync();
        var username = page.Locator(idp.Username);
        // The IdP may answer step 5 with an error (e.g. PKCE required): no form will come, so do not wait for one.
        var form = await FirstAsync(Visible(username), Visible(brokerError), ErrorUrlAsync(page), IdpErrorPageAsync(page, brokerOrigin));
        if (form == 1)
        {
            return await BrokerErrorAsync(page, 5, brokerError);
        }

        if (form is null)
        {
            return WalkResult.Stop(page, 8, $"the IdP's login page never showed {idp.Username} within {Timeout.TotalSeconds:0} s; {await PageView.DescribeAsync(page)}");
        }

        if (form != 0)
        {
            return WalkResult.Stop(page, 6, $"the IdP answered the broker's request without its login page: {await AnswerAsync(page)}; {await PageView.DescribeAsync(page)}");
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

    private async Task<WalkResult?> AfterCredentialsAsync(IPage page, Func<Task> arrival)
    {
        var idp = settings.IdpPage;
        var error = page.Locator(idp.Error);
        var consent = idp.ConsentAllow.Length > 0 ? page.Locator(idp.ConsentAllow) : null;
        var brokerError = page.Locator(settings.BrokerPage.Error);
        var back = arrival();
        var first = await FirstAsync(back, Visible(error), consent is null ? null : Visible(consent), Visible(brokerError), ErrorUrlAsync(page));
        if (first is null)
        {
            return WalkResult.Stop(page, 10, $"after the credentials, neither the redirect back nor a consent page came within {Timeout.TotalSeconds:0} s; {await PageView.DescribeAsync(page)}");
        }

        if (first == 3)
        {
            return await BrokerErrorAsync(page, 11, brokerError);
        }

        if (first == 4)
        {
            return WalkResult.Stop(page, 10, $"after the credentials an error came back instead of a login: {await AnswerAsync(page)}");
        }

        if (first == 1)
        {
            return WalkResult.Stop(page, 9, $"the IdP refused the credentials of '{settings.Users.Login.Username}': {await error.First.InnerTextAsync()} (set PBENCH_AUTH_SPEC_LOGIN_USERNAME/PASSWORD)");
        }

        if (first == 2)
        {
            await consent!.First.ClickAsync();
            var after = await FirstAsync(back, Visible(brokerError));
            if (after is null)
            {
                return WalkResult.Stop(page, 10, $"after consent the browser did not come back within {Timeout.TotalSeconds:0} s; {await PageView.DescribeAsync(page)}");
            }

            if (after == 1)
            {
                return await BrokerErrorAsync(page, 11, brokerError);
            }
        }

        return null;
    }

    // RFC 6749 §4.1.2.1: an error answer lands on a URL that carries error= (the broker's endpoint, or the client's redirect URI).
    private Task ErrorUrlAsync(IPage page) =>
        page.WaitForURLAsync(url => HasError(url), new PageWaitForURLOptions { Timeout = settings.Timeouts.NavigationMs, WaitUntil = WaitUntilState.Commit });

    // An error page (4xx/5xx document) from the IdP instead of its login page, e.g. an unregistered redirect URI; the broker's own are its error element's.
    private Task<IResponse> IdpErrorPageAsync(IPage page, string brokerOrigin) =>
        page.WaitForResponseAsync(
            r => r.Request.IsNavigationRequest && r.Frame == page.MainFrame && r.Status >= 400 && !Urls.SameOrigin(r.Url, brokerOrigin),
            new PageWaitForResponseOptions { Timeout = settings.Timeouts.NavigationMs });

    private static bool HasError(string url) => Urls.QueryOf(url).ContainsKey("error") || Urls.FragmentOf(url).ContainsKey("error");

    private static async Task<string> AnswerAsync(IPage page)
    {
        var p = Urls.QueryOf(page.Url).ContainsKey("error") ? Urls.QueryOf(page.Url) : Urls.FragmentOf(page.Url);
        return p.TryGetValue("error", out var error)
            ? $"error={error}{(p.GetValueOrDefault("error_description") is { } d ? $": {d}" : "")}"
            : $"an error page {await TitleAsync(page)}";
    }

    // Keycloak's error page (#kc-error-message) or form error (#input-error): nothing more will come, so the walk ends now, with its words.
    private async Task<WalkResult> BrokerErrorAsync(IPage page, int step, ILocator brokerError)
    {
        var text = (await brokerError.First.InnerTextAsync()).Trim();
        return WalkResult.Stop(page, step, $"the broker shows an error: '{Steps.Excerpt(text, 200)}' ({settings.BrokerPage.Error} at {page.Url})");
    }

    /// <summary>Waits for the element; the failure text when it never shows.</summary>
    public async Task<string?> WaitAsync(ILocator locator)
    {
        ArgumentNullException.ThrowIfNull(locator);
        try
        {
            await Visible(locator);
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

    private Task Visible(ILocator locator) =>
        locator.First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = settings.Timeouts.NavigationMs });

    // The index of the first wait to succeed, or null when none does in time; the losers are observed, not left to fault unseen.
    private static async Task<int?> FirstAsync(params Task?[] waits)
    {
        var pending = waits.Select((t, i) => (Task: t, Index: i)).Where(w => w.Task is not null).ToList();
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending.Select(p => p.Task!));
            var entry = pending.First(p => p.Task == done);
            pending.Remove(entry);
            if (done.IsCompletedSuccessfully)
            {
                foreach (var (task, _) in pending)
                {
                    _ = task!.ContinueWith(t => t.Exception, TaskScheduler.Default);
                }

                return entry.Index;
            }
        }

        return null;
    }
}
