using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace PbenchAuthSpec.SpecTests.Reports.Ci;

/// <summary>
/// spec.junit.xml, written from the run's report rather than by a test logger, so that it holds
/// exactly what CI systems read (it validates against the JUnit schema Jenkins' xunit plugin
/// publishes, junit-10.xsd): one testsuite of 20 testcases named by step, the run's settings as
/// suite properties (never inside a testcase), a failure whose body is the failing checks
/// (expected, observed, fix) and never a stack trace, a skip with its reason as the message, and
/// the time each step took from the run's own timeline.
/// </summary>
public static class JunitReport
{
    public const string ClassName = "PbenchAuthSpec.SpecTests.Conformance.StepTests";

    public static string Render(SpecReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var outcomes = StepOutcome.Of(report);
        var total = Seconds(report);
        var failures = outcomes.Count(o => o.Kind == StepOutcomeKind.Failed).ToString(CultureInfo.InvariantCulture);
        var suite = new XElement("testsuite",
            new XAttribute("name", "pbench-auth-spec conformance"),
            new XAttribute("tests", outcomes.Count.ToString(CultureInfo.InvariantCulture)),
            new XAttribute("failures", failures),
            new XAttribute("errors", "0"),
            new XAttribute("skipped", outcomes.Count(o => o.Kind == StepOutcomeKind.Skipped).ToString(CultureInfo.InvariantCulture)),
            new XAttribute("time", total),
            new XAttribute("timestamp", report.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)),
            new XAttribute("hostname", Environment.MachineName),
            new XAttribute("id", "0"),
            new XAttribute("package", "PbenchAuthSpec"),
            Properties(report),
            outcomes.Select(TestCase),
            new XElement("system-out", Summary(report)));
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement("testsuites",
                new XAttribute("name", "pbench-auth-spec"),
                new XAttribute("tests", outcomes.Count.ToString(CultureInfo.InvariantCulture)),
                new XAttribute("failures", failures),
                new XAttribute("errors", "0"),
                new XAttribute("time", total),
                suite));
        return Write(document);
    }

    private static XElement TestCase(StepOutcome o)
    {
        var testcase = new XElement("testcase",
            new XAttribute("name", o.Name),
            new XAttribute("classname", ClassName),
            new XAttribute("time", o.Duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)));
        switch (o.Kind)
        {
            case StepOutcomeKind.Failed:
                testcase.Add(new XElement("failure", new XAttribute("message", Clean(o.Message)), new XAttribute("type", "check failed"), Clean(o.Body)));
                break;
            case StepOutcomeKind.Skipped:
                testcase.Add(new XElement("skipped", new XAttribute("message", Clean(o.Message))));
                break;
        }

        testcase.Add(new XElement("system-out", Clean(o.Output)));
        return testcase;
    }

    private static XElement Properties(SpecReport report) =>
        new("properties",
            Property("target", report.Target),
            Property("broker", report.Broker),
            Property("profile", report.Profile),
            Property("dashboard", report.Dashboard),
            Property("defects", string.Join(",", report.Defects)),
            Property("strict", report.Summary.Strict ? "true" : "false"),
            Property("runVerdict", report.Summary.RunVerdict),
            Property("report", Path.Combine(report.RunDirectory, "report.html")));

    private static XElement Property(string name, string value) => new("property", new XAttribute("name", name), new XAttribute("value", value));

    private static string Summary(SpecReport report)
    {
        var s = report.Summary;
        return $"{s.Checks} checks: {s.Pass} pass, {s.Warn} warn, {s.Fail} fail, {s.Skip} skip — run {(s.RunVerdict == "pass" ? "PASSES" : "FAILS")}";
    }

    /// <summary>The run's wall time in seconds (its <c>total</c> timing), as the schema's time pattern wants it.</summary>
    internal static string Seconds(SpecReport report)
    {
        var ms = report.Timings.TryGetValue("total", out var total) ? total : (long)StepDurations.Of(report).Values.Sum(d => d.Duration.TotalMilliseconds);
        return (ms / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
    }

    /// <summary>Text without the characters XML 1.0 cannot carry (a response body may hold any).</summary>
    internal static string Clean(string text) =>
        string.Concat(text.Where(c => c is '\t' or '\n' or '\r' || (c >= ' ' && c != '\uFFFE' && c != '\uFFFF')));

    internal static string Write(XDocument document)
    {
        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(new StringWriter(text, CultureInfo.InvariantCulture), new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) }))
        {
            document.Save(writer);
        }

        return text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal) + "\n";
    }
}
