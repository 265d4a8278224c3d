using System.Globalization;
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
            return WalkResult.Stop(page, 1, $"the dashboard {url} answered {response?.Status.ToString(CultureInfo.InvariantCulture) ?? "nothing"}: check --dashboard and dashboards.{settings.Dashboard}.path, or run with --no-dashboard");
        }

        var login = page.Locator(d.Login);
        if (await pages.WaitAsync(login) is { } missing)
        {
            return WalkResult.Stop(page, 1, $"the dashboard shows no login control {d.Login} ({missing}); {await PageView.DescribeAsync(page, d)}: set dashboards.{settings.Dashboard}.login to its selector");
        }

        if (untilStep <= 2)
        {
            return WalkResult.Stop(page, 2, "--until-step: the dashboard is loaded, login not clicked yet", untilStep: true);
        }

        // Waiting starts before the click: a navigation that commits between the click and a wait
        // begun after it can be missed, and the walk then times out on the broker's page.
        var left = page.WaitForURLAsync(u => !Urls.SameOrigin(u, context.TargetUrl), new PageWaitForURLOptions { Timeout = settings.Timeouts.NavigationMs, WaitUntil = WaitUntilState.Commit });
        await login.First.ClickAsync();
        await left;
        var arrival = new DashboardArrival(page, d, settings.Users.Login.Username, settings.Timeouts.NavigationMs);
        if (await pages.LogInAsync(page, arrival.WaitAsync, untilStep) is { } stopped)
        {
            return stopped;
        }

        var outcome = await arrival.WaitAsync();
        if (outcome.Kind != ArrivalKind.LoggedIn)
        {
            return WalkResult.Stop(page, 16, await WhyAsync(page, d, outcome));
        }

        return untilStep <= 16
            ? WalkResult.Stop(page, 16, "--until-step: logged in (the walk cannot pause inside the redirects of steps 9–16)", untilStep: true) with { LoggedIn = true }
            : new WalkResult { Page = page, LoggedIn = true };
    }

    // What the dashboard shows instead of a logged-in user, in its own words where it has some.
    private async Task<string> WhyAsync(IPage page, DashboardSelectors d, ArrivalOutcome outcome)
    {
        var expected = d.DescribeLoggedIn(settings.Users.Login.Username);
        var view = await PageView.DescribeAsync(page, d);
        return outcome.Kind switch
        {
            ArrivalKind.Error => $"back on the dashboard, it shows '{Steps.Excerpt(outcome.Shown, 200)}' instead of {expected}; {view}",
            ArrivalKind.Refused => $"the dashboard's client library refused the broker's tokens ({Steps.Excerpt(outcome.Shown, 160)}); {view}",
            _ => $"back from the broker, the dashboard did not show {expected} within {settings.Timeouts.NavigationMs / 1000} s; {view}",
        };
    }
}
