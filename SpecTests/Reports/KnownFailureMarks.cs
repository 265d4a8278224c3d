using System.Globalization;
using System.Text;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Settings;

namespace PbenchAuthSpec.SpecTests.Reports;

/// <summary>
/// Applies a <see cref="KnownFailureList"/> to a run's steps: a failing check it lists is marked
/// KNOWN (never hidden: its verdict stays <c>fail</c>), a step failing only by such checks is
/// KNOWN, and a listed check that ran and did not fail is "fixed". Also writes the failing ids of
/// a run as a starting list (<c>--write-known-failures</c>).
/// </summary>
public static class KnownFailureMarks
{
    /// <summary>Failing under this run's rules: a fail, or a warn under --strict.</summary>
    public static bool Failing(Check check, bool strict) =>
        (check ?? throw new ArgumentNullException(nameof(check))).Verdict == Verdict.Fail || (strict && check.Verdict == Verdict.Warn);

    public static IReadOnlyList<StepReport> Apply(IReadOnlyList<StepReport> steps, KnownFailureList? list, bool strict)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (list is null)
        {
            return steps;
        }

        return [.. steps.Select(step =>
        {
            var checks = step.Checks.Select(c => Failing(c, strict) && list.Reasons.TryGetValue(c.Id, out var reason) ? c with { KnownFailure = reason } : c).ToList();
            var failing = checks.Where(c => Failing(c, strict)).ToList();
            return step with { Checks = checks, Known = failing.Count > 0 && failing.All(c => c.KnownFailure is not null) };
        })];
    }

    /// <summary>Listed ids whose check ran here (not skipped) and did not fail.</summary>
    public static IReadOnlyList<string> Fixed(IReadOnlyList<StepReport> steps, KnownFailureList? list, bool strict)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (list is null)
        {
            return [];
        }

        var all = steps.SelectMany(s => s.Checks).ToList();
        return [.. list.Lines.OrderBy(l => l.Value).Select(l => l.Key)
            .Where(id => all.Any(c => c.Id == id && c.Verdict != Verdict.Skip) && !all.Any(c => c.Id == id && Failing(c, strict)))];
    }

    /// <summary>The run's failing ids, each with its title, under a header saying what the file is.</summary>
    public static string Render(SpecReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.Append("# pbench-auth-spec known failures: one check id per line; '#' starts a comment (after an id: the reason shown with KNOWN).\n");
        text.Append(CultureInfo.InvariantCulture, $"# Written by ./pbench-auth-spec run --write-known-failures, {report.StartedAt:yyyy-MM-dd HH:mm}Z: target {report.Target}, broker {report.Broker}, profile {report.Profile}.\n");
        text.Append("# Use it with --known-failures FILE: these checks then show as KNOWN and do not fail the run; any other failure does.\n");
        text.Append("# Remove a line when the run says its check is fixed. README lists every check id.\n");
        foreach (var check in report.Steps.SelectMany(s => s.Checks).Where(c => Failing(c, report.Summary.Strict)).DistinctBy(c => c.Id))
        {
            text.Append(CultureInfo.InvariantCulture, $"{check.Id}  # {check.Title}\n");
        }

        return text.ToString();
    }
}
