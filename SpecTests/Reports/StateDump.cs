using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using PbenchAuthSpec.SpecTests.Engine;
using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Reports;

/// <summary>state.json for --until-step: where the browser is, its cookies, the codes and tokens so far, and the journal.</summary>
public static class StateDump
{
    public static async Task<string> RenderAsync(RunResult result, IBrowserContext? context, IPage? page, int untilStep)
    {
        ArgumentNullException.ThrowIfNull(result);
        var cookies = context is null ? [] : await context.CookiesAsync();
        var state = new JsonObject
        {
            ["stoppedAfterStep"] = untilStep,
            ["walk"] = result.Walk.StopReason,
            ["url"] = page?.Url,
            ["cookies"] = JsonSerializer.SerializeToNode(cookies.Select(c => new { c.Name, c.Value, c.Domain, c.Path, c.HttpOnly, c.Secure, SameSite = c.SameSite.ToString() })),
            ["codes"] = new JsonObject
            {
                ["idp"] = result.Trace.IdpCode,
                ["broker"] = result.Trace.BrokerRedirect?.Location is { } broker ? (Urls.QueryOf(broker).GetValueOrDefault("code") ?? Urls.FragmentOf(broker).GetValueOrDefault("code")) : null,
            },
            ["tokens"] = result.Tokens?.Json?.DeepClone(),
            ["journal"] = JsonSerializer.SerializeToNode(result.Journal, ReportJson.Options),
            ["exchanges"] = JsonSerializer.SerializeToNode(result.Exchanges.Select(Redaction.Apply).ToList(), ReportJson.Options),
        };
        return state.ToJsonString(ReportJson.Options);
    }
}
