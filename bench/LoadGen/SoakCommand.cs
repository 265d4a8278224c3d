using System.Globalization;
using System.Text;

namespace PbenchAuthSpec.LoadGen;

/// <summary>
/// <c>soak</c>: complete logins by 32 workers mixed with malformed and hostile traffic against
/// standalone MockBroker and MockIdp. Fails on any 5xx, unanswered request, open redirect,
/// accepted code replay, lost or crossed login, or memory that keeps growing.
/// </summary>
public static class SoakCommand
{
    public static async Task<int> RunAsync(BenchArguments args, CancellationToken cancellationToken)
    {
        var paths = new BenchPaths(args.Root) { BrokerApp = args.String("--broker-app") ?? "", IdpApp = args.String("--idp-app") ?? "" };
        paths.Check();
        var plan = new SoakPlan(
            TimeSpan.FromSeconds(args.Int("--seconds", 60)), args.Int("--workers", 32), args.Int("--hostile", 4),
            TimeSpan.FromSeconds(args.Int("--settle", 5)), args.Double("--tolerance-percent", 10), args.Double("--tolerance-mb", 16))
        {
            HeapToleranceMib = args.Double("--heap-tolerance-mb", 8),
            InjectLeak = args.String("--inject-leak") == "yes",
        };
        using var poll = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var (idpPort, brokerPort, targetPort) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        var fixtures = SoakFixtures.Write(paths.Root);
        await using var idp = await ServerProcess.StartAsync(Launches.Idp(paths, idpPort, brokerPort, fixtures.Idp), poll, cancellationToken);
        await using var broker = await ServerProcess.StartAsync(Launches.Broker(paths, brokerPort, idpPort, targetPort, fixtures.Broker), poll, cancellationToken);
        var redirect = $"http://127.0.0.1:{targetPort}/dashboard/callback";
        var settings = new LoginSettings(new Uri($"http://127.0.0.1:{brokerPort}"), redirect);
        var target = new HostileTarget(settings.BrokerUrl, new Uri($"http://127.0.0.1:{idpPort}"), redirect);
        Console.Error.WriteLine($"soak: {plan.Duration.TotalSeconds:0} s, {plan.Workers} login workers and {plan.HostileWorkers} hostile loops against MockBroker {settings.BrokerUrl} and MockIdp {target.Idp}");

        using var admin = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var sampler = new MemorySampler([broker, idp], admin);
        var result = await SoakRunner.RunAsync(plan, settings, target, sampler, cancellationToken);
        var report = new SoakReport(plan, result, sampler, [broker, idp]);
        Console.Out.Write(report.Text());
        var output = Path.Combine(paths.Root, "artifacts", "bench", "soak.json");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await File.WriteAllTextAsync(output, report.Json(), Encoding.UTF8, cancellationToken);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"soak: figures written to {output}"));
        return report.Passed ? 0 : 1;
    }
}
