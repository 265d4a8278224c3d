using System.Globalization;
using Microsoft.Playwright;
using PbenchAuthSpec.SpecTests.Catalogue;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Settings;
using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>
/// The dashboard's generic API action (method, path, body, send): step 17 as the dashboard itself
/// makes it, with the token it holds. Null when the dashboard has no such controls.
/// </summary>
public sealed class DashboardApi(IPage page, DashboardSelectors selectors, NetworkRecorder recorder, TraceLog log, string targetUrl, int timeoutMs)
{
    public async Task<(CallOutcome Outcome, Exchange Sent)?> CallAsync(CatalogueCall call, string path, string? body)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (selectors.ApiSend is not { } send || selectors.ApiPath is not { } pathInput
            || await page.Locator(send).CountAsync() == 0 || await page.Locator(pathInput).CountAsync() == 0)
        {
            return null;
        }

        if (selectors.ApiMethod is { } method)
        {
            await page.Locator(method).SelectOptionAsync(call.Method);
        }

        await page.Locator(pathInput).FillAsync(path);
        if (selectors.ApiBody is not null && await page.Locator(selectors.ApiBody).CountAsync() > 0)
        {
            await page.Locator(selectors.ApiBody).FillAsync(body ?? "");
        }

        var endpoint = Urls.WithoutQuery(targetUrl + path);
        var response = await page.RunAndWaitForResponseAsync(
            () => page.Locator(send).ClickAsync(),
            r => r.Request.Method == call.Method && Urls.WithoutQuery(r.Url) == endpoint,
            new PageRunAndWaitForResponseOptions { Timeout = timeoutMs });
        await recorder.DrainAsync(TimeSpan.FromMilliseconds(timeoutMs));
        var id = recorder.IdOf(response.Request);
        var sent = log.Snapshot("browser").FirstOrDefault(e => e.Id == id)
            ?? new Exchange { Id = 0, Url = response.Url, Method = call.Method, Status = response.Status };
        var shown = selectors.ApiStatus is not null && await page.Locator(selectors.ApiStatus).CountAsync() > 0 ? (await page.Locator(selectors.ApiStatus).InnerTextAsync()).Trim() : null;
        var outcome = RestrictedCaller.Outcome(call, $"{call.Method} {path} as the dashboard's user", sent, brokerToken: true);
        var status = response.Status.ToString(CultureInfo.InvariantCulture);
        return (shown is null || shown == status ? outcome : outcome with { Error = $"the dashboard shows status {shown}, the network {status}" }, sent);
    }
}
