using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PbenchAuthSpec.LoadGen;

/// <summary>The soak's figures and verdict: printed, and written as artifacts/bench/soak.json.</summary>
public sealed class SoakReport(SoakPlan plan, SoakResult result, MemorySampler sampler, IReadOnlyList<ServerProcess> servers)
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    private readonly List<MemoryTrend> _trends = servers
        .SelectMany((s, i) => MemoryTrend.Of(s.Launch.Name, sampler.Series[i], plan.TolerancePercent, plan.ToleranceMib, plan.HeapToleranceMib))
        .ToList();

    private List<string> Failures => field ??= FindFailures(result, _trends).ToList();

    public bool Passed => Failures.Count == 0;

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
        foreach (var trend in _trends)
        {
            Line(text, $"  {trend.Describe()}{(trend.Grew ? " GREW" : "")}");
        }

        for (var i = 0; i < servers.Count; i++)
        {
            Line(text, $"  {servers[i].Launch.Name} RSS {result.SettledMib[i]:0.0} MiB {plan.Settle.TotalSeconds:0} s after the traffic stopped, peak {servers[i].PeakResidentKib() / 1024.0:0.0}");
        }

        if (plan.InjectLeak)
        {
            Line(text, $"  (--inject-leak yes: MockBroker was given a leak on purpose; the memory check must fail)");
        }

        foreach (var failure in Failures)
        {
            Line(text, $"  FAIL {failure}");
        }

        text.AppendLine(Passed ? "soak: passed" : string.Create(CultureInfo.InvariantCulture, $"soak: FAILED ({Failures.Count} checks)"));
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
        inject_leak = plan.InjectLeak,
        memory = servers.Select((s, i) => new
        {
            server = s.Launch.Name,
            settled_rss_mib = result.SettledMib[i],
            peak_rss_mib = s.PeakResidentKib() / 1024.0,
            trends = _trends.Where(t => t.Server == s.Launch.Name).Select(t => new { measure = t.Measure, middle_mib = t.Middle, tail_mib = t.Tail, limit_mib = t.Limit, grew = t.Grew }),
            rss_mib = sampler.Series[i].Select(x => Math.Round(x.RssMib, 1)),
            heap_mib = sampler.Series[i].Select(x => x.HeapMib is { } h ? Math.Round(h, 1) : (double?)null),
            live_mib_at_full_gc = sampler.Series[i].Select(x => x.LiveMibAtFullGc is { } h ? Math.Round(h, 1) : (double?)null),
            outside_gc_mib = sampler.Series[i].Select(x => x.OutsideGcMib is { } h ? Math.Round(h, 1) : (double?)null),
        }),
        passed = Passed,
        failures = Failures,
    }, JsonOptions);

    private static IEnumerable<string> FindFailures(SoakResult result, List<MemoryTrend> trends)
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

        if (trends.Count == 0)
        {
            yield return "too few memory samples to tell whether memory is flat (run for at least 10 s)";
        }

        foreach (var trend in trends.Where(t => t.Grew))
        {
            yield return $"memory grew: {trend.Describe()}";
        }
    }

    private static void Line(StringBuilder text, FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
}
