using Microsoft.Playwright;
using PbenchAuthSpec.SpecTests.Settings;
using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>
/// Step 17 as the dashboard makes it: its own request to the target carrying a bearer token, seen
/// in the traffic after login (the real Pbench dashboard lists the user's datasets on its own), or
/// made by the preset's <see cref="DashboardSelectors.ApiAction"/> (a path to open or a control to
/// click). Null when the dashboard made none: its API panel, then the harness, make the call instead.
/// </summary>
public sealed class DashboardCall(IPage page, DashboardSelectors preset, NetworkRecorder recorder, TraceLog log, string targetUrl, int timeoutMs)
{
    public async Task<Exchange?> FindAsync()
    {
        await QuietAsync();
        if (Find() is { } seen)
        {
            return await SettledAsync(seen);
        }

        if (preset.ApiAction is not { } action)
        {
            return null;
        }

        await ActAsync(action);
        return Find() is { } made ? await SettledAsync(made) : null;
    }

    private Exchange? Find() =>
        log.Snapshot("browser").FirstOrDefault(e => Urls.SameOrigin(e.Url, targetUrl)
            && (e.RequestHeader("Authorization")?.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ?? false));

    private async Task ActAsync(string action)
    {
        var request = page.WaitForRequestAsync(r => Urls.SameOrigin(r.Url, targetUrl) && r.ResourceType is "fetch" or "xhr", new PageWaitForRequestOptions { Timeout = timeoutMs });
        try
        {
            if (action.StartsWith('/'))
            {
                await page.GotoAsync(targetUrl + action);
            }
            else
            {
                await page.Locator(action).First.ClickAsync(new LocatorClickOptions { Timeout = timeoutMs });
            }

            await request;
            await QuietAsync();
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            // No call came: the check says the harness made it.
            _ = request.ContinueWith(t => t.Exception, TaskScheduler.Default);
        }
    }

    // The page's requests in flight settle (bounded; a page that never goes quiet is not waited out).
    private async Task QuietAsync()
    {
        try
        {
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new PageWaitForLoadStateOptions { Timeout = timeoutMs });
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            // What was sent so far is what the dashboard made.
        }
    }

    private async Task<Exchange> SettledAsync(Exchange sent)
    {
        await recorder.DrainAsync(TimeSpan.FromMilliseconds(timeoutMs));
        return log.Snapshot().FirstOrDefault(e => e.Id == sent.Id) ?? sent;
    }
}
