using System.Reflection;

namespace PbenchAuthSpec.SpecTests.Reports;

/// <summary>
/// report.html: one self-contained page (no external assets) with the report data embedded; its
/// script draws the sequence diagram and shows each arrow's checks, excerpts and decoded tokens.
/// </summary>
public static class ReportHtml
{
    private const string Placeholder = "__REPORT_JSON__";

    private static readonly Lazy<string> Template = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("PbenchAuthSpec.SpecTests.Reports.report.html")
            ?? throw new InvalidOperationException("the report.html template is not embedded in the SpecTests assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static string Render(SpecReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        // Inside <script>, "<" must not start "</script>" or "<!--": JSON allows \u003c in strings, where all "<" are.
        var json = ReportJson.Serialize(report).Replace("<", "\\u003c", StringComparison.Ordinal);
        return Template.Value.Replace(Placeholder, json, StringComparison.Ordinal);
    }
}
