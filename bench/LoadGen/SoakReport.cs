using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PbenchAuthSpec.LoadGen;

/// <summary>The soak's figures and verdict: printed, and written as artifacts/bench/soak.json.</summary>
public sealed class SoakReport(SoakPlan plan, SoakResult result, MemorySampler sampler, IReadOnlyList<ServerProcess> servers)
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    private readonly List<string> _failures = Failures(plan, result, servers).ToList();

    public bool Passed => _failures.Count == 0;

    public string Text()
    {
        var text = new StringBuilder();
        var logins = result.Logins;
        var hostile = result.Hostile;
        Line(text, $"soak: {plan.Duration.TotalSeconds:0} s, {plan.Workers} concurrent logins + {plan.HostileWorkers} hostile loops");
        Line(text, $"  logins complete: {logins.Completed} ({result.LoginsPerSecond:0.0}/s, {logins.MeanHops:0.0} hops each); lost: {logins.Lost}; crossed: {logins.Crossed}");
        Line(text, $"  hostile and malformed requests: {hostile.Requests - hostile.ReplaysRefused - hostile.ReplaysAccepted}; spent codes replayed: {hostile.ReplaysRefused + hostile.ReplaysAccepted} (refused: {hostile.ReplaysRefused}, accepted: {hostile.ReplaysAccepted}); logouts: {hostile.Logouts}");
        foreach (var group in hostile.ByCaseAndClass.GroupBy(p => p.Key[(p.Key.LastIndexOf('→') + 2)..]).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Line(text, $"    {group.Key}: {group.Sum(p => p.Value)}");
        }

        Line(text, $"  5xx: {hostile.ServerErrors}; unanswered: {hostile.Unanswered}; redirects to the attacker: {hostile.OpenRedirects}");
        for (var i = 0; i < servers.Count; i++)
        {
            Line(text, $"  {servers[i].Launch.Name} RSS: {result.WarmUpMib[i]:0.0} MiB after warm-up ({plan.WarmUp.TotalSeconds:0} s), {result.SettledMib[i]:0.0} MiB after {plan.Settle.TotalSeconds:0} s settle (limit {Limit(result.WarmUpMib[i]):0.0}), peak {servers[i].PeakResidentKib() / 1024.0:0.0}");
        }

        foreach (var failure in _failures)
        {
            Line(text, $"  FAIL {failure}");
        }

        text.AppendLine(Passed ? "soak: passed" : string.Create(CultureInfo.InvariantCulture, $"soak: FAILED ({_failures.Count} checks)"));
        return text.ToString();
    }

    public string Json() => JsonSerializer.Serialize(new
    {
        seconds = plan.Duration.TotalSeconds,
        workers = plan.Workers,
        hostile_workers = plan.HostileWorkers,
        logins = new { completed = result.Logins.Completed, per_second = result.LoginsPerSecond, lost = result.Logins.Lost, crossed = result.Logins.Crossed, lost_reasons = result.Logins.LostReasons },
        hostile = new
        {
            requests = result.Hostile.Requests,
            server_errors = result.Hostile.ServerErrors,
            unanswered = result.Hostile.Unanswered,
            open_redirects = result.Hostile.OpenRedirects,
            replays_refused = result.Hostile.ReplaysRefused,
            replays_accepted = result.Hostile.ReplaysAccepted,
            by_case = result.Hostile.ByCaseAndClass.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value),
            failures = result.Hostile.Failures,
        },
        memory = servers.Select((s, i) => new
        {
            server = s.Launch.Name,
            warm_up_mib = result.WarmUpMib[i],
            settled_mib = result.SettledMib[i],
            limit_mib = Limit(result.WarmUpMib[i]),
            series_mib = sampler.Samples.Select(x => Math.Round(x.Mib[i], 1)),
        }),
        passed = Passed,
        failures = _failures,
    }, JsonOptions);

    private double Limit(double warmUp) => warmUp + Math.Max(warmUp * plan.TolerancePercent / 100, plan.ToleranceMib);

    private static IEnumerable<string> Failures(SoakPlan plan, SoakResult result, IReadOnlyList<ServerProcess> servers)
    {
        var (logins, hostile) = (result.Logins, result.Hostile);
        if (logins.Completed == 0)
        {
            yield return "no login completed";
        }

        foreach (var (reason, count) in logins.LostReasons)
        {
            yield return $"{count} lost logins: {reason}";
        }

        foreach (var example in logins.CrossedExamples)
        {
            yield return $"crossed session: {example}";
        }

        foreach (var failure in hostile.Failures.Distinct().Take(20))
        {
            yield return failure;
        }

        for (var i = 0; i < servers.Count; i++)
        {
            var limit = result.WarmUpMib[i] + Math.Max(result.WarmUpMib[i] * plan.TolerancePercent / 100, plan.ToleranceMib);
            if (result.SettledMib[i] > limit)
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"{servers[i].Launch.Name} memory grew: {result.WarmUpMib[i]:0.0} → {result.SettledMib[i]:0.0} MiB (limit {limit:0.0})");
            }
        }
    }

    private static void Line(StringBuilder text, FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
}
