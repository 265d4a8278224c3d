using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Reports;

namespace PbenchAuthSpec.SpecTests.Tests.Runs;

/// <summary>
/// Two reports compared check by check: the ids whose verdicts differ (or that only one has), each
/// with what both runs observed, so a difference names its cause rather than a count.
/// </summary>
internal static class VerdictComparison
{
    public static IReadOnlyList<string> Differences(string nameA, SpecReport a, string nameB, SpecReport b) =>
        Differences(nameA, a.Steps.SelectMany(s => s.Checks), nameB, b.Steps.SelectMany(s => s.Checks));

    public static IReadOnlyList<string> Differences(string nameA, IEnumerable<Check> a, string nameB, IEnumerable<Check> b)
    {
        var left = ById(a);
        var right = ById(b);
        return left.Keys.Union(right.Keys).Order(StringComparer.Ordinal)
            .Where(id => Verdicts(left, id) != Verdicts(right, id))
            .Select(id => $"{id}: {nameA} {Describe(left, id)} | {nameB} {Describe(right, id)}")
            .ToList();
    }

    private static Dictionary<string, List<Check>> ById(IEnumerable<Check> checks) =>
        checks.GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.ToList());

    private static string Verdicts(Dictionary<string, List<Check>> checks, string id) =>
        checks.TryGetValue(id, out var list) ? string.Join(",", list.Select(c => c.Verdict)) : "absent";

    private static string Describe(Dictionary<string, List<Check>> checks, string id) =>
        checks.TryGetValue(id, out var list) ? string.Join("; ", list.Select(c => $"{c.Verdict.ToString().ToLowerInvariant()} (observed {c.Observed})")) : "absent";
}
