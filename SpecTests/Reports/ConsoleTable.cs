using System.Globalization;
using System.Text;

namespace PbenchAuthSpec.SpecTests.Reports;

/// <summary>
/// The console view: one line per step with its verdict counts, then one line per check that did
/// not pass (<see cref="ConsoleSteps"/>: causes once, their consequences grouped), the walk, the totals.
/// </summary>
public static class ConsoleTable
{
    public static string Render(SpecReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        var mode = report.Dashboard == "none" ? "protocol mode" : $"dashboard {report.Dashboard}";
        var defects = report.Defects.Count > 0 ? $", defects {string.Join(",", report.Defects)}" : "";
        defects += report.KeycloakVersion is { } version ? $", Keycloak {version}" : "";
        Line(text, $"pbench-auth-spec: target {report.Target}, broker {report.Broker}, profile {report.Profile}, {mode}{defects}");
        if (report.BrokerAdmin is { } admin)
        {
            Line(text, $"broker admin: {admin.Describe()}");
        }

        Line(text, "step verdict  pass warn fail skip  arrow");
        ConsoleSteps.Render(text, report.Steps);

        var s = report.Summary;
        if (report.Walk is { } walk)
        {
            Line(text, $"walk: {walk}");
            foreach (var line in report.WalkConsole)
            {
                Line(text, $"  dashboard console: {CheckLines.Shorten(line, 300)}");
            }
        }

        foreach (var change in report.Changes)
        {
            Line(text, $"changed on the {change.System}: {change.What} ({change.Request}; {change.Check}) — {(change.Restored ? "restored by the run" : $"NOT restored: {change.Restore}")}");
        }

        foreach (var id in s.Fixed)
        {
            Line(text, $"fixed: {id} no longer fails — remove it from {s.KnownFailures}");
        }

        var strict = s.Strict ? " (--strict: warnings fail)" : "";
        var knownCount = s.Known > 0 ? $" ({s.Known} known)" : "";
        Line(text, $"{s.Checks} checks: {s.Pass} pass, {s.Warn} warn, {s.Fail} fail{knownCount}, {s.Skip} skip — run {(s.RunVerdict == "pass" ? "PASSES" : "FAILS")}{strict}");
        if (report.Timings.Count > 0)
        {
            Line(text, "time (ms): " + string.Join(", ", report.Timings.Select(t => $"{t.Key} {t.Value.ToString(CultureInfo.InvariantCulture)}")));
        }

        Line(text, $"report: {Path.Combine(report.RunDirectory, "report.html")}");
        return text.ToString();
    }

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
