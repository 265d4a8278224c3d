using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Playwright;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Settings;
using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>
/// Protocol mode (<c>--no-dashboard</c>): the harness plays a correct dashboard, with state, nonce
/// and PKCE S256, from a page it serves itself on the target's origin (Playwright routing). The
/// broker sends the code to a redirect URI under the dashboard's registered path that no dashboard
/// script handles (Playwright cannot route a redirect's target), the harness reads it from the
/// address bar and redeems it from its own page. The target then sees only steps 1 and 17–20.
/// The recorder, when given, keeps the bodies of those two fetches (see <see cref="NetworkRecorder.RecordPageFetchAsync"/>).
/// </summary>
public sealed class ProtocolWalk(SpecSettings settings, WalkContext context, LoginPages pages, NetworkRecorder? recorder = null)
{
    public const string MarkerId = "pbench-auth-spec-harness";
    private const string Html = $"<!doctype html><html><head><title>pbench-auth-spec harness</title></head><body><p id=\"{MarkerId}\">pbench-auth-spec plays the dashboard here (protocol mode).</p></body></html>";

    public string HarnessUrl => context.TargetUrl + "/__pbench-auth-spec/harness";

    public string RedirectUri => context.TargetUrl + settings.ProtocolMode.RedirectPath;

    public async Task<WalkResult> RunAsync(IPage page, int? untilStep)
    {
        ArgumentNullException.ThrowIfNull(page);
        await ServeHarnessAsync(page);
        var config = await FetchAsync(page, new FetchRequest("GET", context.ConfigEndpoint, new Dictionary<string, string>()));
        var client = ClientConfig.Parse(config.ResponseBody, context.Profile);
        if (config.Status != 200 || client.ClientId is null)
        {
            return WalkResult.Stop(page, 2, $"the login configuration {context.ConfigEndpoint} answered {Steps.StatusText(config)}; no client id to log in with");
        }

        if (untilStep <= 2)
        {
            return WalkResult.Stop(page, 2, "--until-step: the login configuration is read; the authentication request is next", untilStep: true);
        }

        var (state, nonce, verifier) = (Random(), Random(), Random() + Random());
        await page.GotoAsync(AuthorizationUrl(client.AuthUri ?? context.Broker.AuthorizationEndpoint, client.ClientId, state, nonce, verifier));
        if (await pages.LogInAsync(page, () => ArrivalAsync(page), untilStep) is { } stopped)
        {
            return stopped with { Verifier = verifier };
        }

        return await RedeemAsync(page, client.ClientId, state, verifier, untilStep) with { Verifier = verifier };
    }

    /// <summary>
    /// Dashboard mode, when the dashboard refused the authorization response and exchanged no code:
    /// a fresh login as a correct client in a new tab (the broker's session makes it immediate), so
    /// the broker's token response (step 16) can still be judged. Returns step 3's nonce of that login.
    /// </summary>
    public async Task<string?> RedeemFreshCodeAsync(IBrowserContext browserContext, ClientConfig client)
    {
        ArgumentNullException.ThrowIfNull(browserContext);
        ArgumentNullException.ThrowIfNull(client);
        var page = await browserContext.NewPageAsync();
        try
        {
            await ServeHarnessAsync(page);
            var (state, nonce, verifier) = (Random(), Random(), Random() + Random());
            await page.GotoAsync(AuthorizationUrl(client.AuthUri ?? context.Broker.AuthorizationEndpoint, client.ClientId!, state, nonce, verifier));
            if (!IsRedirectUri(page.Url) && await pages.LogInAsync(page, () => ArrivalAsync(page), null) is not null)
            {
                return null;
            }

            var result = await RedeemAsync(page, client.ClientId!, state, verifier, null);
            return result.LoggedIn || result.StoppedAt == 16 ? nonce : null;
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    private async Task ServeHarnessAsync(IPage page)
    {
        await page.RouteAsync(HarnessUrl, route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/html", Body = Html }));
        await page.GotoAsync(HarnessUrl);
    }

    private Task ArrivalAsync(IPage page) =>
        page.WaitForURLAsync(IsRedirectUri, new PageWaitForURLOptions { Timeout = settings.Timeouts.NavigationMs, WaitUntil = WaitUntilState.Commit });

    private bool IsRedirectUri(string url) => Urls.WithoutQuery(url) == RedirectUri;

    private async Task<WalkResult> RedeemAsync(IPage page, string clientId, string state, string verifier, int? untilStep)
    {
        var callback = page.Url;
        var p = settings.ProtocolMode.ResponseMode == "fragment" ? Urls.FragmentOf(callback) : Urls.QueryOf(callback);
        // RFC 6749 §10.12: a correct client refuses a response whose state it did not send.
        if (p.GetValueOrDefault("state") != state || p.GetValueOrDefault("code") is not { } code)
        {
            return WalkResult.Stop(page, 12, $"the authentication response has no code or a wrong state: {Steps.Excerpt(callback, 200)}");
        }

        // Back to the harness's own page on the target's origin to redeem the code from there.
        await page.GotoAsync(HarnessUrl);

        if (untilStep <= 14)
        {
            return WalkResult.Stop(page, 14, "--until-step: the code is back on the redirect URI; the token request is next", untilStep: true);
        }

        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["client_id"] = clientId,
            ["redirect_uri"] = RedirectUri,
            ["code_verifier"] = verifier,
        };
        var body = string.Join("&", form.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
        var token = await FetchAsync(page, new FetchRequest("POST", context.Broker.TokenEndpoint, new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded" }, body));
        var loggedIn = token.Status == 200;
        return !loggedIn ? WalkResult.Stop(page, 16, $"the token endpoint answered {Steps.StatusText(token)} {token.Failure}")
            : untilStep <= 16 ? WalkResult.Stop(page, 16, "--until-step: tokens received", untilStep: true) with { LoggedIn = true }
            : new WalkResult { Page = page, LoggedIn = true };
    }

    private string AuthorizationUrl(string authUri, string clientId, string state, string nonce, string verifier)
    {
        var query = new Dictionary<string, string>
        {
            ["client_id"] = clientId,
            ["response_type"] = "code",
            ["redirect_uri"] = RedirectUri,
            ["scope"] = settings.ProtocolMode.Scope,
            ["state"] = state,
            ["nonce"] = nonce,
            ["code_challenge"] = Pkce.S256(verifier),
            ["code_challenge_method"] = "S256",
            ["response_mode"] = settings.ProtocolMode.ResponseMode,
        };
        return authUri + (authUri.Contains('?', StringComparison.Ordinal) ? "&" : "?") + string.Join("&", query.Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value)}"));
    }

    // Not a probe: these two calls play steps 1 and 15, so the network recorder records them.
    private Task<Exchange> FetchAsync(IPage page, FetchRequest request)
    {
        Task<Exchange> Fetch() => new BrowserFetch(new TraceLog(), TimeProvider.System).FetchAsync(page, request, probe: false);
        return recorder is null ? Fetch() : recorder.RecordPageFetchAsync(Fetch, TimeSpan.FromMilliseconds(settings.Timeouts.HttpMs));
    }

    private static string Random() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24));
}
