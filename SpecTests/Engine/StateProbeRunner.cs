using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Settings;
using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>
/// Loads the dashboard's redirect URI in a fresh tab with a forged code and a state the dashboard
/// never sent, and watches whether the dashboard takes that code to the token endpoint.
/// </summary>
public sealed class StateProbeRunner(SpecSettings settings, TraceLog log, BrokerFacts broker)
{
    public const string ForgedCode = "pbench-auth-spec-forged-code";

    public async Task<DashboardProbe> RunAsync(IBrowserContext context, LoginTrace trace)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(trace);
        var d = settings.DashboardPage;
        if (d is null || settings.ProtocolModeOn)
        {
            return new DashboardProbe { Skip = "protocol mode: there is no dashboard to probe" };
        }

        if (trace.AuthRequest?.Parameters.GetValueOrDefault("redirect_uri") is not { } redirectUri)
        {
            return new DashboardProbe { Skip = "no redirect_uri was observed at step 3" };
        }

        var fragment = trace.AuthRequest.Parameters.GetValueOrDefault("response_mode") == "fragment";
        var parameters = $"code={ForgedCode}&state=pbench-auth-spec-forged-state";
        var url = redirectUri + (fragment ? "#" : redirectUri.Contains('?', StringComparison.Ordinal) ? "&" : "?") + parameters;
        var before = log.NextId();
        var page = await context.NewPageAsync();
        try
        {
            await page.GotoAsync(url);
            await SettleAsync(page, d);
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            return new DashboardProbe { Skip = $"the dashboard did not load the forged redirect ({e.Message.Split('\n')[0]})" };
        }
        finally
        {
            await page.CloseAsync();
        }

        var taken = log.Snapshot("browser").Where(e => e.Id > before && e.Method == "POST" && e.Endpoint == broker.TokenEndpoint && e.Form.GetValueOrDefault("code") == ForgedCode).ToList();
        return new DashboardProbe
        {
            TokenRequested = taken.Count > 0,
            Observed = taken.Count > 0 ? $"the dashboard sent the forged code to the token endpoint ({taken[0].Describe()})" : "the dashboard did not use the forged code",
            Exchanges = [.. taken.Select(t => t.Id)],
        };
    }

    // The dashboard shows its verdict on the callback (logged in, or an error) only after any token
    // request it makes has been answered; the wait is for the statuses the preset defines, and a
    // dashboard that defines none but the logged-in one (it never says "error") is waited out to
    // network idle instead of for a status it never shows.
    private async Task SettleAsync(IPage page, DashboardSelectors d)
    {
        var endings = new[] { d.Error, d.LoggedOut }.OfType<string>().Select(Regex.Escape).ToList();
        try
        {
            if (endings.Count > 0)
            {
                var verdict = new Regex($@"^\s*({Regex.Escape(d.LoggedInText(settings.Users.Login.Username))}|{string.Join('|', endings)})");
                await page.Locator(d.Status).Filter(new LocatorFilterOptions { HasTextRegex = verdict }).First.WaitForAsync(new LocatorWaitForOptions { Timeout = settings.Timeouts.ActionMs });
                return;
            }
        }
        catch (TimeoutException)
        {
            // Fall through to network idle.
        }

        await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new PageWaitForLoadStateOptions { Timeout = settings.Timeouts.ActionMs });
    }
}
