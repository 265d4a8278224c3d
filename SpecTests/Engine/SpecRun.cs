using Microsoft.Playwright;
using PbenchAuthSpec.SpecTests.Browser;
using PbenchAuthSpec.SpecTests.Catalogue;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Reports;
using PbenchAuthSpec.SpecTests.Settings;
using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>
/// The conformance run as a library: <c>await SpecRun.RunAsync(settings)</c> walks the 20 steps
/// against the settings' target and writes report.json, report.html and console.txt to the run
/// folder. Tests pass a shared browser and their own in-process stand-ins to run it many times.
/// </summary>
public static class SpecRun
{
    public static async Task<SpecReport> RunAsync(SpecSettings settings, IBrowser? browser = null, SpecTarget? target = null, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var clock = TimeProvider.System;
        var timings = new Timings(clock);
        var catalogue = TargetCatalogue.Load(settings.Catalogue ?? throw new SpecSettingsException("no catalogue: load settings with SpecSettingsLoader")).For(settings.Profile, settings.Catalogue);
        var known = settings.KnownFailures is { } list ? KnownFailureList.Load(list) : null;
        known?.Validate(catalogue);
        // The stand-ins' process and the browser start at once: each takes seconds on a loaded machine.
        var starting = target is null
            ? timings.MeasureAsync("stack start", () => settings.IsEmbedded
                ? EmbeddedTarget.StartAsync(settings, cancellationToken)
                : Task.FromResult(SpecTarget.External(settings.Target, settings.Broker!, TimeSpan.FromMilliseconds(settings.Timeouts.HttpMs))))
            : null;
        try
        {
            if (browser is not null)
            {
                return await RunWithAsync(settings, catalogue, known, browser, target ?? await starting!, timings, clock, progress, cancellationToken);
            }

            using var playwright = await timings.MeasureAsync("browser start", Playwright.CreateAsync);
            await using var launched = await timings.MeasureAsync("browser start", () => LaunchAsync(playwright, settings));
            return await RunWithAsync(settings, catalogue, known, launched, target ?? await starting!, timings, clock, progress, cancellationToken);
        }
        finally
        {
            if (starting is not null)
            {
                await StopAsync(starting);
            }
        }
    }

    // Whatever ended the run (the browser may have failed while the stand-ins were still starting).
    private static async Task StopAsync(Task<SpecTarget> starting)
    {
        SpecTarget started;
        try
        {
            started = await starting;
        }
        catch (Exception)
        {
            // Started nothing; its failure is the run's already, or the browser's came first.
            return;
        }

        await started.DisposeAsync();
    }

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright, SpecSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return await BrowserLauncher.LaunchAsync(playwright, settings.Browser.Headless, settings.Browser.SlowMo > 0 ? settings.Browser.SlowMo : null, settings.Browser.ExecutablePath, settings.Browser.Args);
    }

    private static async Task<SpecReport> RunWithAsync(SpecSettings settings, ProfileCatalogue catalogue, KnownFailureList? known, IBrowser browser, SpecTarget target, Timings timings, TimeProvider clock, Action<string>? progress, CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow();
        var runDirectory = settings.RunDirectory ?? Path.Combine(settings.Artifacts, "runs", $"{started:yyyyMMdd-HHmmss}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}");
        Directory.CreateDirectory(runDirectory);
        var log = new TraceLog();
        using var http = new HarnessHttp(log, clock, TimeSpan.FromMilliseconds(settings.Timeouts.HttpMs), settings.Browser.IgnoreHttpsErrors);
        var broker = await BrokerDiscovery.ReadAsync(http, target.RealmUrl, cancellationToken);
        await RequireReachableAsync(http, target, catalogue, cancellationToken);
        await RequireDashboardAsync(http, settings, target, cancellationToken);
        var keys = target.BrokerKeys ?? await HttpBrokerKeys.DetectAsync(http, broker, cancellationToken);
        // Not a stand-in broker (no fixture key): the fixture users' passwords are never sent to it
        // unless given explicitly, and the broker admin is only the one the user set.
        settings = keys is null ? ForeignCredentials.Require(settings) : settings;
        var brokerAdmin = BrokerAdminCredentials.For(settings.Users, standInBroker: settings.IsEmbedded || keys is not null);
        // --broker-admin-changes on a broker whose keys the harness does not hold: its admin API
        // rotates instead, and also undoes what an earlier, killed run of it left there.
        var adminChanges = keys is null && settings.BrokerAdminChanges ? await AdminChangesAsync(http, broker, brokerAdmin, cancellationToken) : null;
        keys = adminChanges ?? keys;
        var leftover = await RestoreLeftoverRotationAsync(keys, cancellationToken);
        var parts = new RunParts { Settings = settings, Clock = clock, Log = log, Http = http, Fetch = new BrowserFetch(log, clock), Keys = keys, BrokerAdmin = brokerAdmin, AdminChanges = adminChanges };
        await using var session = new RunSession(parts, catalogue, target, timings);
        var result = await session.ExecuteAsync(browser, broker, cancellationToken);
        var report = Build(settings, known, target, brokerAdmin, leftover is null ? result : result with { Changes = [leftover, .. result.Changes] }, started, runDirectory, timings.Snapshot());
        if (settings.UntilStep is { } until)
        {
            var stoppedAfter = UntilStepPlan.StoppedAfter(until);
            var statePath = Path.Combine(runDirectory, "state.json");
            var state = await StateDump.RenderAsync(new StateDump.Inputs(result, session.Context, session.Page, settings, session.Storage, catalogue, target.TargetUrl, target.RealmUrl), until, stoppedAfter, UntilStepPlan.Why(until));
            await File.WriteAllTextAsync(statePath, state, cancellationToken);
            // The report is there while the stack is held, not only after Ctrl-C.
            await ReportFiles.WriteAsync(report, settings.Artifacts, null, cancellationToken);
            await UntilStepPlan.HoldAsync(new UntilStepPlan.Held(settings, target, browser, session.Page, statePath, state, stoppedAfter, result.IdpOrigin), progress, cancellationToken);
        }

        var keepTrace = settings.Trace == "on" || (settings.Trace == "retain-on-failure" && report.Summary.RunVerdict == "fail");
        await timings.MeasureAsync("report", () => session.FinishAsync(keepTrace ? Path.Combine(runDirectory, "trace.zip") : null));
        report = report with { Timings = timings.Snapshot() };
        await ReportFiles.WriteAsync(report, settings.Artifacts, settings.WriteKnownFailures, cancellationToken);
        return report;
    }

    private static SpecReport Build(SpecSettings settings, KnownFailureList? known, SpecTarget target, BrokerAdminCredentials brokerAdmin, RunResult result, DateTimeOffset started, string runDirectory, IReadOnlyDictionary<string, long> timings)
    {
        var walk = result.Walk.StopReason is { } reason ? $"stopped at step {result.Walk.StoppedAt}: {reason}" : null;
        var until = settings.UntilStep is { } asked ? UntilStepPlan.StoppedAfter(asked) : (int?)null;
        walk = result.Walk.UntilStep && settings.UntilStep is { } u && UntilStepPlan.Why(u) is { } why ? why : walk;
        var steps = KnownFailureMarks.Apply(StepReportBuilder.Build(result.Checks, until, walk, walk is null ? null : result.Walk.StoppedAt), known, settings.Strict);
        var hops = new TraceHopBuilder(target.TargetUrl, target.RealmUrl, result.IdpOrigin)
            .Build(result.Exchanges, e => result.ProbeSteps.TryGetValue(e.Id, out var p) ? p : result.Trace.StepsOf(e));
        return new SpecReport
        {
            Steps = steps,
            Target = target.TargetUrl,
            Broker = target.RealmUrl,
            Profile = settings.Profile,
            Dashboard = settings.Dashboard,
            Embedded = settings.IsEmbedded,
            Defects = settings.Defects,
            KeycloakVersion = settings.KeycloakVersion,
            BrokerAdmin = new BrokerAdminReport(brokerAdmin.Credential?.Username, brokerAdmin.Source),
            Catalogue = settings.Catalogue ?? "",
            StartedAt = started,
            Summary = StepReportBuilder.Summarize(steps, settings.Strict, known),
            Walk = walk,
            Trace = hops,
            Changes = result.Changes,
            Console = result.Console,
            WalkConsole = walk is null ? [] : ConsoleLines.Relevant(result.WalkConsole),
            Timings = timings,
            RunDirectory = runDirectory,
        };
    }

    // --broker-admin-changes writes to the broker: without an admin that can log in, it is a settings error (exit 2).
    private static async Task<BrokerAdminChanges> AdminChangesAsync(HarnessHttp http, BrokerFacts broker, BrokerAdminCredentials admin, CancellationToken cancellationToken)
    {
        var api = new BrokerAdminApi(http, broker, admin);
        return await api.ProblemAsync(cancellationToken) is { } problem
            ? throw new SpecSettingsException($"--broker-admin-changes needs broker admin credentials: set {BrokerAdminCredentials.Variables} (or users.brokerAdmin in --config) to an admin of the broker's master realm ({problem}).")
            : new BrokerAdminChanges(api, broker.Realm);
    }

    // A run stopped before it could restore the broker's key (killed outright) leaves it rotated, and
    // a target that read the key once would then refuse every token of this run: put it back first.
    private static async Task<RunChange?> RestoreLeftoverRotationAsync(IBrokerKeys? keys, CancellationToken cancellationToken)
    {
        if (keys is null || keys.CannotRotate is not null)
        {
            return null;
        }

        try
        {
            return await keys.RestoreAsync(cancellationToken)
                ? new RunChange
                {
                    System = "broker",
                    Check = Step20Matrix.IdOf(positive: true, Step20Matrix.RotatedKeyCase),
                    What = keys.LeftoverWhat,
                    Request = keys is BrokerAdminChanges ? "the broker's admin API, before step 1" : "the broker's restore hook, before step 1",
                    Restored = true,
                }
                : null;
        }
        catch (InvalidOperationException)
        {
            // A broker without the restore hook: the rotation control says what it can.
            return null;
        }
    }

    private static async Task RequireReachableAsync(HarnessHttp http, SpecTarget target, ProfileCatalogue catalogue, CancellationToken cancellationToken)
    {
        var probe = await http.GetAsync(target.TargetUrl + catalogue.ConfigEndpoint, cancellationToken: cancellationToken);
        if (probe.Status is null)
        {
            throw new SpecRunException($"--target {target.TargetUrl} is unreachable ({probe.Failure}): start the target or fix the URL.");
        }
    }

    // A preset whose page the target does not serve is the wrong --dashboard (a settings mistake),
    // not the target failing step 1.
    private static async Task RequireDashboardAsync(HarnessHttp http, SpecSettings settings, SpecTarget target, CancellationToken cancellationToken)
    {
        if (settings.ProtocolModeOn || settings.DashboardPage is not { } preset)
        {
            return;
        }

        var url = target.TargetUrl + preset.Path;
        var probe = await http.GetAsync(url, cancellationToken: cancellationToken);
        if (probe.Status is 404 or 410)
        {
            var presets = string.Join(", ", settings.Dashboards.Keys.Order(StringComparer.Ordinal));
            throw new SpecSettingsException($"--dashboard {settings.Dashboard}: the target serves no page at {url} ({probe.Status}); the presets configured are {presets} (dashboards in the config): pick the target's, add a preset for its dashboard, or use --no-dashboard.");
        }
    }
}
