using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Settings;
using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>Dashboard mode: the target's own dashboard does the browser's part; the walk clicks as a person would.</summary>
public sealed class DashboardWalk(SpecSettings settings, WalkContext context, LoginPages pages)
{
    public async Task<WalkResult> RunAsync(IPage page, int? untilStep)
    {
        ArgumentNullException.ThrowIfNull(page);
        var d = settings.DashboardPage ?? throw new InvalidOperationException("dashboard mode without a dashboard");
        var url = context.TargetUrl + d.Path;
        var response = await page.GotoAsync(url);
        if (response is null || response.Status != 200)
        {
            return WalkResult.Stop(page, 1, $"the dashboard {url} answered {response?.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"}: check --dashboard and dashboards.{settings.Dashboard}.path, or run with --no-dashboard");
        }

        var login = page.Locator(d.Login);
        if (await pages.WaitAsync(login) is { } missing)
        {
            return WalkResult.Stop(page, 1, $"the dashboard shows no login control {d.Login} ({missing}): set dashboards.{settings.Dashboard}.login to its selector");
        }

        if (untilStep <= 2)
        {
            return WalkResult.Stop(page, 2, "--until-step: the dashboard is loaded, login not clicked yet", untilStep: true);
        }

        await login.First.ClickAsync();
        await page.WaitForURLAsync(u => !Urls.SameOrigin(u, context.TargetUrl), new PageWaitForURLOptions { Timeout = settings.Timeouts.NavigationMs, WaitUntil = WaitUntilState.Commit });
        var arrival = page.Locator(d.Status).Filter(new LocatorFilterOptions { HasTextRegex = new Regex($@"^\s*({Regex.Escape(d.LoggedIn)}|error)") });
        if (await pages.LogInAsync(page, () => arrival.First.WaitForAsync(new LocatorWaitForOptions { Timeout = settings.Timeouts.NavigationMs }), untilStep) is { } stopped)
        {
            return stopped;
        }

        var status = (await arrival.First.InnerTextAsync()).Trim();
        if (status != d.LoggedIn)
        {
            return WalkResult.Stop(page, 16, $"back on the dashboard, it shows '{Steps.Excerpt(status, 200)}' instead of '{d.LoggedIn}'");
        }

        return untilStep <= 16
            ? WalkResult.Stop(page, 16, "--until-step: logged in (the walk cannot pause inside the redirects of steps 9–16)", untilStep: true) with { LoggedIn = true }
            : new WalkResult { Page = page, LoggedIn = true };
    }
}
