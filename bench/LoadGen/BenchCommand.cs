using System.Text;
using System.Text.Json;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.LoadGen;

/// <summary>
/// <c>bench</c>: the anchor and MockBroker measured in one run, interleaved (the order flips every
/// repetition so drift in the machine's load falls on both), each from a cold process.
/// </summary>
public static class BenchCommand
{
    private const string AutomationClient = "pbench-automation:pbench-automation-secret";
    private static readonly TimeSpan CeilingPhase = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(BenchArguments args, CancellationToken cancellationToken)
    {
        var paths = new BenchPaths(args.Root)
        {
            BrokerApp = args.String("--broker-app") ?? "",
            IdpApp = args.String("--idp-app") ?? "",
        };
        paths.Check();
        var plan = new BenchPlan(args.Int("--reps", 5), TimeSpan.FromSeconds(args.Int("--seconds", 5)), TimeSpan.FromSeconds(args.Int("--warmup", 1)), args.Int("--login-connections", 8))
        {
            Standins = args.String("--standins") ?? "jit",
        };
        var set = new BenchSet();
        using var poll = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero }) { Timeout = TimeSpan.FromSeconds(5) };
        for (var rep = 1; rep <= plan.Repetitions; rep++)
        {
            Console.Error.WriteLine($"bench: repetition {rep}/{plan.Repetitions}");
            // Before and after the servers' phases: the best of all is the ceiling.
            set.SigningCeiling.OursSamples.Add(await SigningCeiling.MeasureAsync(paths.SigningKey, CeilingPhase, cancellationToken));
            var anchorFirst = rep % 2 == 1;
            foreach (var anchor in anchorFirst ? new[] { true, false } : [false, true])
            {
                await MeasureServerAsync(anchor, paths, plan, set, poll, cancellationToken);
            }

            set.SigningCeiling.OursSamples.Add(await SigningCeiling.MeasureAsync(paths.SigningKey, CeilingPhase, cancellationToken));
            await MeasureIdpColdStartAsync(paths, set, poll, cancellationToken);
            await MeasureLoginsAsync(paths, plan, set, poll, cancellationToken);
        }

        var spec = SpecTimings.Read(args.String("--spec-report"), args.String("--spec-seconds"), args.String("--spec-note"));
        var report = new BenchReport(set, spec, plan);
        Console.Out.Write(report.Table());
        var output = args.String("--out") ?? Path.Combine(paths.Root, "bench", "results.json");
        await File.WriteAllTextAsync(output, report.Json(), Encoding.UTF8, cancellationToken);
        Console.Error.WriteLine($"bench: results written to {output}");
        return report.AllMet ? 0 : 1;
    }

    private static async Task MeasureServerAsync(bool anchor, BenchPaths paths, BenchPlan plan, BenchSet set, HttpClient poll, CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        var launch = anchor ? Launches.Anchor(paths, port) : Launches.Broker(paths, port, FreePort.Next(), FreePort.Next());
        var (tokenPath, jwksPath) = anchor ? ("/token", "/jwks") : ($"{Launches.Realm}/protocol/openid-connect/token", $"{Launches.Realm}/protocol/openid-connect/certs");
        await using var server = await ServerProcess.StartAsync(launch, poll, cancellationToken);
        Add(set.ColdStart, anchor, server.ColdStart.TotalMilliseconds);
        var tokenUrl = Launches.Local(port, tokenPath);
        var basic = "Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes(AutomationClient));
        await CheckTokenAsync(poll, tokenUrl, basic, launch.Name, cancellationToken);
        Add(set.IdleMemory, anchor, server.ResidentKib() / 1024.0);

        var token = (int connections, TimeSpan duration) => new WrkLoad(tokenUrl, connections, duration, "grant_type=client_credentials", basic);
        await Wrk.RunAsync(token(8, plan.Warmup), BenchPaths.ScriptDirectory, cancellationToken);
        await RecordAsync(set.Tokens8, anchor, launch.Name, token(8, plan.Duration), cancellationToken);
        await RecordAsync(set.Tokens64, anchor, launch.Name, token(64, plan.Duration), cancellationToken);
        await RecordAsync(set.Jwks, anchor, launch.Name, new WrkLoad(Launches.Local(port, jwksPath), 64, plan.Duration), cancellationToken);
        Add(set.PeakMemory, anchor, server.PeakResidentKib() / 1024.0);
    }

    private static async Task RecordAsync(BenchMetric metric, bool anchor, string name, WrkLoad load, CancellationToken cancellationToken)
    {
        var result = await Wrk.RunAsync(load, BenchPaths.ScriptDirectory, cancellationToken);
        if (!result.Clean)
        {
            metric.Problems.Add($"{name}: {result.Non2xx} non-2xx answers and {result.SocketErrors} socket errors in {result.Requests} requests");
        }

        Add(metric, anchor, result.RequestsPerSecond);
    }

    private static async Task MeasureIdpColdStartAsync(BenchPaths paths, BenchSet set, HttpClient poll, CancellationToken cancellationToken)
    {
        await using var idp = await ServerProcess.StartAsync(Launches.Idp(paths, FreePort.Next(), FreePort.Next()), poll, cancellationToken);
        set.IdpColdStart.OursSamples.Add(idp.ColdStart.TotalMilliseconds);
    }

    private static async Task MeasureLoginsAsync(BenchPaths paths, BenchPlan plan, BenchSet set, HttpClient poll, CancellationToken cancellationToken)
    {
        var (idpPort, brokerPort, targetPort) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        await using var idp = await ServerProcess.StartAsync(Launches.Idp(paths, idpPort, brokerPort), poll, cancellationToken);
        await using var broker = await ServerProcess.StartAsync(Launches.Broker(paths, brokerPort, idpPort, targetPort), poll, cancellationToken);
        var settings = new LoginSettings(new Uri($"http://127.0.0.1:{brokerPort}"), $"http://127.0.0.1:{targetPort}/dashboard/callback");
        await LoginLoad.RunAsync(settings, plan.LoginConnections, plan.Warmup, new LoginTally(), null, cancellationToken);
        var tally = new LoginTally();
        var rate = await LoginLoad.RunAsync(settings, plan.LoginConnections, plan.Duration, tally, null, cancellationToken);
        if (tally.Lost + tally.Crossed > 0)
        {
            set.Logins.Problems.Add($"{tally.Lost} lost and {tally.Crossed} crossed logins: {string.Join("; ", tally.LostReasons.Keys.Concat(tally.CrossedExamples).Take(3))}");
        }

        set.Logins.OursSamples.Add(rate);
    }

    private static async Task CheckTokenAsync(HttpClient http, Uri tokenUrl, string basic, string name, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, tokenUrl)
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.TryAddWithoutValidation("Authorization", basic);
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        using var document = response.IsSuccessStatusCode ? JsonDocument.Parse(body) : null;
        var token = document?.RootElement.TryGetProperty("access_token", out var t) == true ? t.GetString() : null;
        if (token is null || CompactJwt.ReadUnverified(token, out _)?.Alg != "RS256")
        {
            throw new BenchException($"{name}: client_credentials did not give an RS256 access token ({(int)response.StatusCode}): {body}");
        }
    }

    private static void Add(BenchMetric metric, bool anchor, double value) => (anchor ? metric.AnchorSamples : metric.OursSamples).Add(value);
}
