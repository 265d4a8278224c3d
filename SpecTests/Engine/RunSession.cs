using Microsoft.Playwright;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.SpecTests.Catalogue;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>
/// One run in one fresh browser context: the login walk (steps 1–16), its checks, then the server
/// phase (17–20 and after) and the dashboard's state probe; the context (and its Playwright trace)
/// stays open until <see cref="FinishAsync"/>, so --until-step can leave it to a person.
/// </summary>
public sealed class RunSession(RunParts parts, ProfileCatalogue catalogue, SpecTarget target, Timings timings) : IAsyncDisposable
{
    private IBrowserContext? _context;

    public IBrowserContext? Context => _context;

    public IPage? Page { get; private set; }

    /// <summary>What the pages stored (--until-step only).</summary>
    public StorageRecorder? Storage { get; private set; }

    public async Task<RunResult> ExecuteAsync(IBrowser browser, BrokerFacts broker, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(broker);
        var s = parts.Settings;
        var context = new WalkContext
        {
            TargetUrl = target.TargetUrl, Profile = s.Profile, ConfigPath = catalogue.ConfigEndpoint, Audience = catalogue.Audience, Broker = broker,
            ProtocolMode = s.ProtocolModeOn, IdpAlias = s.BrokerPage.IdpAlias, IdpBrokerClientId = s.IdpPage.BrokerClientId,
            LoginUsername = s.Users.Login.Username,
        };
        await target.Journal.MarkAsync(cancellationToken);
        _context = await browser.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = s.Browser.IgnoreHttpsErrors });
        _context.SetDefaultTimeout(s.Timeouts.ActionMs);
        _context.SetDefaultNavigationTimeout(s.Timeouts.NavigationMs);
        // DOM snapshots, not a screencast: they show each page as it was, at a fraction of the cost.
        if (s.Trace != "off")
        {
            await _context.Tracing.StartAsync(new TracingStartOptions { Screenshots = false, Snapshots = true, Title = "pbench-auth-spec" });
        }

        var recorder = new NetworkRecorder(_context, parts.Log, parts.Clock);
        // --until-step dumps the dashboard's transaction (its PKCE verifier is only in its storage).
        Storage = s.UntilStep is null ? null : await StorageRecorder.StartAsync(_context);
        Page = await _context.NewPageAsync();
        var pages = new LoginPages(s);
        var walk = await timings.MeasureAsync("login walk", () => WalkAsync(Page, context, pages, recorder));
        await recorder.DrainAsync(TimeSpan.FromSeconds(3));
        var walkConsole = recorder.Console;
        var journal = await ReadJournalAsync(context, cancellationToken);
        var trace = Assign(context, journal);
        var config = trace.Config is { Status: 200 } c ? ClientConfig.Parse(c.ResponseBody, s.Profile) : null;
        var (fallback, fallbackNonce) = await FallbackAsync(walk, trace, context, pages, config, recorder);
        var (checks, tokens) = await EvaluateLoginAsync(trace, context, config, journal, fallback, fallbackNonce, cancellationToken);
        checks.Add(Step16NonceSetup.Evaluate(new NonceEvidence
        {
            Tokens = tokens, Nonce = trace.TokenRequest is null ? fallbackNonce : trace.CompletingAuthRequest?.Parameters.GetValueOrDefault("nonce"),
            Console = recorder.Console, KeycloakJs = s.DashboardPage?.KeycloakJs, Dashboard = s.Dashboard, ProtocolMode = s.ProtocolModeOn, LoggedIn = walk.LoggedIn,
        }));
        var result = new RunResult { Checks = checks, Trace = trace, Exchanges = parts.Log.Snapshot(), ProbeSteps = new Dictionary<int, (int?, int?)>(), Walk = walk, Tokens = tokens, Journal = journal, IdpOrigin = trace.IdpAuthorize?.Origin, Broker = broker, WalkConsole = walkConsole };
        // Steps 17–20 run whenever a token was obtained, whatever route the login took (the dashboard's
        // own, a silent request, or the harness's own code exchange when the dashboard refused).
        if (tokens?.Access is null || s.UntilStep <= 16 || walk.UntilStep)
        {
            return result with { Checks = [.. checks, Step15StateProbe.Evaluate(null), .. NotCalled(walk, tokens)], Console = recorder.Console };
        }

        var server = new ServerPhase(parts, catalogue, context, await TargetPageAsync(walk.Page), recorder, walk.LoggedIn);
        var serverChecks = await timings.MeasureAsync("matrices", () => server.RunAsync(tokens, [.. checks.Where(x => x.Step == 16)], cancellationToken));
        var probe = await timings.MeasureAsync("state probe", () => new StateProbeRunner(s, parts.Log, broker).RunAsync(_context, trace));
        // The rotation is done last, after every other check that uses broker tokens.
        var rotation = await timings.MeasureAsync("matrices", () => server.RotationControlAsync(cancellationToken));
        await recorder.DrainAsync(TimeSpan.FromSeconds(3));
        return result with
        {
            Checks = [.. checks, .. serverChecks, .. rotation, Step15StateProbe.Evaluate(probe)],
            Exchanges = parts.Log.Snapshot(),
            ProbeSteps = server.ProbeSteps,
            Changes = server.Changes,
            Console = recorder.Console,
        };
    }

    // The calls of steps 17–20 come from a page on the target's origin: the dashboard's, or (when the
    // walk ended elsewhere, e.g. on a broker page) the target's config endpoint in a new tab.
    private async Task<IPage> TargetPageAsync(IPage? walked)
    {
        if (walked is { IsClosed: false } && Urls.SameOrigin(walked.Url, target.TargetUrl))
        {
            return walked;
        }

        var page = await _context!.NewPageAsync();
        await page.GotoAsync(target.TargetUrl + catalogue.ConfigEndpoint);
        return page;
    }

    /// <summary>Stops tracing (keeping trace.zip when asked) and closes the context.</summary>
    public async Task FinishAsync(string? tracePath)
    {
        if (_context is null)
        {
            return;
        }

        if (parts.Settings.Trace != "off")
        {
            await _context.Tracing.StopAsync(tracePath is null ? new TracingStopOptions() : new TracingStopOptions { Path = tracePath });
        }

        await _context.CloseAsync();
        _context = null;
    }

    public async ValueTask DisposeAsync() => await FinishAsync(null);

    private async Task<WalkResult> WalkAsync(IPage page, WalkContext context, LoginPages pages, NetworkRecorder recorder)
    {
        try
        {
            return parts.Settings.ProtocolModeOn
                ? await new ProtocolWalk(parts.Settings, context, pages, recorder).RunAsync(page, parts.Settings.UntilStep)
                : await new DashboardWalk(parts.Settings, context, pages).RunAsync(page, parts.Settings.UntilStep);
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            return WalkResult.Stop(page, 0, $"{e.Message.Split('\n')[0]}; {await PageView.DescribeAsync(page, parts.Settings.DashboardPage)}");
        }
    }

    private LoginTrace Assign(WalkContext context, IReadOnlyList<JournalEntry> journal)
    {
        var trace = StepAssigner.Assign(Enrich(parts.Log.Snapshot("browser"), journal), AssignerOptions(context));
        return context.ProtocolMode ? trace with { DashboardLoad = null } : trace;
    }

    private static StepAssignerOptions AssignerOptions(WalkContext context) =>
        new() { ConfigEndpoint = context.ConfigEndpoint, AuthorizationEndpoint = context.Broker.AuthorizationEndpoint, TokenEndpoint = context.Broker.TokenEndpoint };

    // The IdP is known only once the browser went there (step 5): its journal, when it has one, is
    // read too, so the IdP's side of the back channel is seen whatever started the servers.
    private async Task<IReadOnlyList<JournalEntry>> ReadJournalAsync(WalkContext context, CancellationToken cancellationToken)
    {
        if (StepAssigner.Assign(parts.Log.Snapshot("browser"), AssignerOptions(context)).IdpAuthorize?.Origin is { } idp)
        {
            await target.Journal.IncludeAsync(idp, cancellationToken);
        }

        return await target.Journal.ReadAsync(cancellationToken);
    }

    // The dashboard refused the authorization response (so step 16 would go unseen): redeem a fresh code as a correct client.
    private async Task<(Exchange?, string?)> FallbackAsync(WalkResult walk, LoginTrace trace, WalkContext context, LoginPages pages, ClientConfig? config, NetworkRecorder recorder)
    {
        if (parts.Settings.ProtocolModeOn || walk.LoggedIn || walk.UntilStep || trace.BrokerRedirect is null || Step05To10IdpLogin.RefusedAt(trace) is not null || trace.TokenRequest is not null || config?.ClientId is null || _context is null)
        {
            return (null, null);
        }

        var start = parts.Log.NextId();
        string? nonce;
        try
        {
            nonce = await timings.MeasureAsync("token fallback", () => new ProtocolWalk(parts.Settings, context, pages, recorder).RedeemFreshCodeAsync(_context, config));
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            nonce = null;
        }

        await recorder.DrainAsync(TimeSpan.FromSeconds(3));
        foreach (var e in parts.Log.Snapshot("browser").Where(e => e.Id > start))
        {
            parts.Log.Update(e.Id, x => x with { Source = "fallback" });
        }

        var token = parts.Log.Snapshot("fallback").LastOrDefault(e => e.Method == "POST" && e.Endpoint == context.Broker.TokenEndpoint);
        return nonce is null ? (null, null) : (token, nonce);
    }

    private async Task<(List<Check>, TokenSet?)> EvaluateLoginAsync(LoginTrace trace, WalkContext context, ClientConfig? config, IReadOnlyList<JournalEntry> journal, Exchange? fallback, string? fallbackNonce, CancellationToken cancellationToken)
    {
        var backChannel = target.Journal.Unavailable is null ? FederationProbe.FromJournal(journal, parts.Log, trace.IdpCode) : null;
        var federation = new FederationProbe(parts.Http, context.Broker, parts.Settings, parts.BrokerAdmin);
        // Step 5's client is compared with what the broker's admin API says, whoever started the broker.
        context = context with { IdpBrokerClientId = context.IdpBrokerClientId ?? await federation.IdpClientIdAsync(context.IdpAlias, cancellationToken) };
        var checks = new List<Check>();
        checks.AddRange(Step01To02LoginConfig.Evaluate(trace, context, out _));
        checks.AddRange(Step03To04AuthRequest.Evaluate(trace, context, config));
        checks.AddRange(Step05To10IdpLogin.Evaluate(trace, context));
        // An IdP that refused (step 6 or 10) leaves the broker nothing to federate: 11 and 12 are its consequence.
        var refusedAt = Step05To10IdpLogin.RefusedAt(trace);
        checks.AddRange(refusedAt is { } refused ? [Step05To10IdpLogin.NotReached(12, refused)] : Step12AuthResponse.Evaluate(trace, context));
        checks.AddRange(Step13To14Dashboard.Evaluate(trace, context));
        checks.AddRange(Step15TokenRequest.Evaluate(trace, context, config));
        checks.AddRange(Step16TokenResponse.Evaluate(trace, context, config, out var tokens, fallback, fallbackNonce));
        var evidence = await federation.GatherAsync(trace, backChannel, FederationProbe.Coverage(journal, trace), target.Journal.Unavailable ?? "", tokens?.Access?.Claim("sub"), cancellationToken);
        checks.AddRange(refusedAt is { } at ? [Step05To10IdpLogin.NotReached(11, at)] : Step11Federation.Evaluate(trace, context, evidence));
        return (checks, tokens);
    }

    // Playwright cannot read some bodies (a navigation evicted them); the journal has them.
    private List<Exchange> Enrich(IReadOnlyList<Exchange> browser, IReadOnlyList<JournalEntry> journal)
    {
        var unused = journal.Where(j => !j.BackChannel).ToList();
        return browser.Select(e =>
        {
            var match = unused.FirstOrDefault(j => j.Method == e.Method && j.Url == e.Url);
            if (match is null)
            {
                return e;
            }

            unused.Remove(match);
            if (e.ResponseBody is { Length: > 0 } || e.Status is null or (>= 300 and < 400))
            {
                return e;
            }

            var enriched = e with { ResponseBody = match.ResponseBody };
            parts.Log.Update(e.Id, _ => enriched);
            return enriched;
        }).ToList();
    }

    // Steps 17–20 were not walked: a missing observation each (skipped as "not reached" after a failure, or by --until-step).
    private static IEnumerable<Check> NotCalled(WalkResult walk, TokenSet? tokens)
    {
        var why = walk.StopReason ?? (tokens?.Access is null ? "no access token came at step 16" : "the dashboard did not log in");
        return Enumerable.Range(17, 4).Select(step => Steps.Missing(step, "a restricted call with step 16's token", $"not walked: {why}"));
    }
}
