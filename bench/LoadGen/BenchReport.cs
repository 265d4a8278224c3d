using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PbenchAuthSpec.LoadGen;

/// <summary>The table bench/run prints and the bench/results.json it writes.</summary>
public sealed class BenchReport(BenchSet set, SpecTimings spec, BenchPlan plan)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public bool AllMet => set.Compared.All(m => m.Met != false) && spec.Met != false && set.Logins.Problems.Count == 0;

    public string Table()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"bench: {plan.Repetitions} repetitions, medians; load phases {plan.Duration.TotalSeconds:0} s after {plan.Warmup.TotalSeconds:0} s warm-up; wrk on loopback; stand-ins: {plan.Standins} build");
        text.AppendLine(Row("measure", "unit", "anchor", "ours", "ratio", "target", "verdict"));
        foreach (var metric in set.Compared.Concat(set.OursOnly))
        {
            var verdict = metric.Met switch { true => "pass", false => "MISS", null => "" };
            text.AppendLine(Row(metric.Name, metric.Unit, Number(metric.AnchorMedian), Number(metric.OursMedian), metric.Ratio is { } r ? $"{r:0.00}×" : "—", metric.Target, verdict));
            if (metric.OursOfCeiling is { } share && metric.CeilingRatio is { } reachable)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    ours ÷ signing ceiling {share:0.00} (the ceiling is {reachable:0.00}× the anchor: {metric.Target} needs {metric.MinRatio / reachable:0.00}× the ceiling)");
            }

            foreach (var problem in metric.Problems.Distinct())
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    ! {problem}");
            }
        }

        text.AppendLine(Row("embedded ./pbench-auth-spec run", "s", "—", Number(spec.WallSeconds), "—", spec.Target, spec.Met switch { true => "pass", false => "MISS", null => "n/a" }));
        foreach (var (phase, value) in spec.Phases)
        {
            // The spec writes its phases in milliseconds.
            text.AppendLine(CultureInfo.InvariantCulture, $"    {phase}: {value / 1000:0.00} s");
        }

        if (spec.Note is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    note: {spec.Note}");
        }

        text.AppendLine(AllMet ? "bench: every target met" : "bench: a target was missed (see MISS above)");
        return text.ToString();
    }

    public string Json() => JsonSerializer.Serialize(new BenchResults(DateTimeOffset.UtcNow, plan.Repetitions, plan.Duration.TotalSeconds, plan.Standins, set, spec, AllMet, Machine()), JsonOptions);

    private static Dictionary<string, string> Machine() => new(StringComparer.Ordinal)
    {
        ["cores"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
        ["loadavg"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "",
        ["dotnet"] = Environment.Version.ToString(),
    };

    private static string Row(string name, string unit, string anchor, string ours, string ratio, string target, string verdict) =>
        string.Create(CultureInfo.InvariantCulture, $"{name,-52} {unit,-9} {anchor,9} {ours,9} {ratio,7} {target,7}  {verdict}");

    private static string Number(double? value) => value switch
    {
        null => "—",
        double v when double.IsNaN(v) => "—",
        double v when v >= 100 => v.ToString("0", CultureInfo.InvariantCulture),
        double v => v.ToString("0.0#", CultureInfo.InvariantCulture),
    };
}
