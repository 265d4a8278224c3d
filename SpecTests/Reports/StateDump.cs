using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using PbenchAuthSpec.SpecTests.Catalogue;
using PbenchAuthSpec.SpecTests.Engine;
using PbenchAuthSpec.SpecTests.Settings;
using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Reports;

/// <summary>
/// state.json for --until-step: where the browser is, its cookies, the dashboard's transaction
/// (state, nonce, PKCE challenge and verifier), the codes and tokens so far, the next step's
/// request ready to send (<see cref="NextStep"/>), the servers, the journal and every exchange.
/// </summary>
public static class StateDump
{
    public sealed record Inputs(RunResult Result, IBrowserContext? Context, IPage? Page, SpecSettings Settings, StorageRecorder? Storage, ProfileCatalogue? Catalogue, string TargetUrl, string RealmUrl);

    public static async Task<string> RenderAsync(Inputs inputs, int asked, int stoppedAfter, string? why)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var result = inputs.Result;
        var cookies = inputs.Context is null ? [] : await inputs.Context.CookiesAsync();
        var state = new JsonObject
        {
            ["stoppedAfterStep"] = stoppedAfter,
            ["askedForStep"] = asked,
            ["why"] = why,
            ["walk"] = result.Walk.StopReason,
            ["url"] = inputs.Page?.Url,
            ["servers"] = new JsonObject { ["target"] = inputs.TargetUrl, ["realm"] = inputs.RealmUrl, ["idp"] = result.IdpOrigin },
            ["transaction"] = Transaction(result, inputs.Storage),
            ["next"] = await NextStep.DescribeAsync(stoppedAfter, inputs.Context, inputs.Page, inputs.Settings, result, inputs.Catalogue),
            ["cookies"] = JsonSerializer.SerializeToNode(cookies.Select(c => new { c.Name, c.Value, c.Domain, c.Path, c.HttpOnly, c.Secure, SameSite = c.SameSite.ToString() })),
            ["codes"] = new JsonObject
            {
                ["idp"] = result.Trace.IdpCode,
                ["broker"] = result.Trace.BrokerRedirect?.Location is { } broker ? (Urls.QueryOf(broker).GetValueOrDefault("code") ?? Urls.FragmentOf(broker).GetValueOrDefault("code")) : null,
            },
            ["tokens"] = result.Tokens?.Json?.DeepClone(),
            ["storage"] = new JsonArray([.. (inputs.Storage?.Writes ?? []).Select(w => w.DeepClone())]),
            ["journal"] = JsonSerializer.SerializeToNode(result.Journal, ReportJson.Options),
            ["exchanges"] = JsonSerializer.SerializeToNode(result.Exchanges.Select(Redaction.Apply).ToList(), ReportJson.Options),
        };
        return state.ToJsonString(ReportJson.Options);
    }

    // Step 3's request as the dashboard (or the harness in protocol mode) sent it, and the verifier it kept.
    private static JsonObject Transaction(RunResult result, StorageRecorder? storage)
    {
        var query = result.Trace.AuthRequest?.Query ?? new Dictionary<string, string>();
        var challenge = query.GetValueOrDefault("code_challenge");
        return new JsonObject
        {
            ["authorizationRequest"] = result.Trace.AuthRequest?.Url,
            ["state"] = query.GetValueOrDefault("state"),
            ["nonce"] = query.GetValueOrDefault("nonce"),
            ["redirect_uri"] = query.GetValueOrDefault("redirect_uri"),
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = query.GetValueOrDefault("code_challenge_method"),
            ["code_verifier"] = result.Walk.Verifier ?? storage?.VerifierFor(challenge),
        };
    }
}
