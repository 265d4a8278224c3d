using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace PbenchAuthSpec.SpecTests.Reports.Ci;

/// <summary>
/// spec.trx (Visual Studio's test results, read by Azure DevOps and GitHub test reporters), written
/// from the run's report: one UnitTestResult per step, a skipped step NotExecuted with its reason,
/// a failed one with the failing checks as its message, each step's duration from the run's own
/// timeline, and counters that add up (total = executed + notExecuted, executed = passed + failed).
/// </summary>
public static class TrxReport
{
    private static readonly XNamespace Ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
    private const string TestType = "13cdc9d9-ddb5-4fa4-a97d-d965ccfc6d4b";
    private const string ResultsNotInAList = "8c84fa94-04c1-424b-9868-57a2d4851a1d";
    private const string AllLoadedResults = "19431567-8539-422a-85d7-44ee4e166bda";

    public static string Render(SpecReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var outcomes = StepOutcome.Of(report);
        var start = report.StartedAt;
        var finish = start + TimeSpan.FromSeconds(double.Parse(JunitReport.Seconds(report), CultureInfo.InvariantCulture));
        var passed = outcomes.Count(o => o.Kind == StepOutcomeKind.Passed);
        var failed = outcomes.Count(o => o.Kind == StepOutcomeKind.Failed);
        var skipped = outcomes.Count(o => o.Kind == StepOutcomeKind.Skipped);
        var run = new XElement(Ns + "TestRun",
            new XAttribute("id", Id($"run {report.RunDirectory} {start:O}")),
            new XAttribute("name", $"pbench-auth-spec {start.UtcDateTime:yyyy-MM-dd HH:mm:ss}"),
            new XElement(Ns + "Times", new XAttribute("creation", Time(start)), new XAttribute("queuing", Time(start)), new XAttribute("start", Time(start)), new XAttribute("finish", Time(finish))),
            new XElement(Ns + "Results", outcomes.Select(o => Result(o, report))),
            new XElement(Ns + "TestDefinitions", outcomes.Select(o => Definition(o, report))),
            new XElement(Ns + "TestEntries", outcomes.Select(o => new XElement(Ns + "TestEntry",
                new XAttribute("testId", Id(o.Name)), new XAttribute("executionId", Execution(o, report)), new XAttribute("testListId", ResultsNotInAList)))),
            new XElement(Ns + "TestLists",
                new XElement(Ns + "TestList", new XAttribute("name", "Results Not in a List"), new XAttribute("id", ResultsNotInAList)),
                new XElement(Ns + "TestList", new XAttribute("name", "All Loaded Results"), new XAttribute("id", AllLoadedResults))),
            new XElement(Ns + "ResultSummary", new XAttribute("outcome", failed > 0 ? "Failed" : "Completed"),
                new XElement(Ns + "Counters",
                    new XAttribute("total", outcomes.Count), new XAttribute("executed", passed + failed), new XAttribute("passed", passed), new XAttribute("failed", failed),
                    new XAttribute("error", 0), new XAttribute("timeout", 0), new XAttribute("aborted", 0), new XAttribute("inconclusive", 0),
                    new XAttribute("passedButRunAborted", 0), new XAttribute("notRunnable", 0), new XAttribute("notExecuted", skipped), new XAttribute("disconnected", 0),
                    new XAttribute("warning", 0), new XAttribute("completed", 0), new XAttribute("inProgress", 0), new XAttribute("pending", 0))));
        return JunitReport.Write(new XDocument(new XDeclaration("1.0", "utf-8", null), run));
    }

    private static XElement Result(StepOutcome o, SpecReport report)
    {
        var output = new XElement(Ns + "Output", new XElement(Ns + "StdOut", JunitReport.Clean(o.Output)));
        if (o.Kind != StepOutcomeKind.Passed)
        {
            var message = o.Kind == StepOutcomeKind.Failed ? $"{o.Message}\n\n{o.Body}" : o.Message;
            output.Add(new XElement(Ns + "ErrorInfo", new XElement(Ns + "Message", JunitReport.Clean(message))));
        }

        return new XElement(Ns + "UnitTestResult",
            new XAttribute("executionId", Execution(o, report)),
            new XAttribute("testId", Id(o.Name)),
            new XAttribute("testName", o.Name),
            new XAttribute("computerName", Environment.MachineName),
            new XAttribute("duration", o.Duration.ToString("c", CultureInfo.InvariantCulture)),
            new XAttribute("startTime", Time(o.Start)),
            new XAttribute("endTime", Time(o.Start + o.Duration)),
            new XAttribute("testType", TestType),
            new XAttribute("outcome", o.Kind switch { StepOutcomeKind.Failed => "Failed", StepOutcomeKind.Skipped => "NotExecuted", _ => "Passed" }),
            new XAttribute("testListId", ResultsNotInAList),
            output);
    }

    private static XElement Definition(StepOutcome o, SpecReport report) =>
        new(Ns + "UnitTest", new XAttribute("name", o.Name), new XAttribute("storage", "pbenchauthspec.spectests.dll"), new XAttribute("id", Id(o.Name)),
            new XElement(Ns + "Execution", new XAttribute("id", Execution(o, report))),
            new XElement(Ns + "TestMethod", new XAttribute("codeBase", "PbenchAuthSpec.SpecTests.dll"), new XAttribute("adapterTypeName", "executor://NUnit3TestExecutor"),
                new XAttribute("className", JunitReport.ClassName), new XAttribute("name", o.Name)));

    private static string Execution(StepOutcome o, SpecReport report) => Id($"execution {o.Name} {report.RunDirectory}");

    private static string Time(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture);

    // Stable ids: the same test keeps its id from run to run, as Visual Studio's own do.
    private static string Id(string text) => new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16)).ToString();
}
