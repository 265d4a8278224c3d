using System.Reflection;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Conformance;
using PbenchAuthSpec.SpecTests.Reports;
using PbenchAuthSpec.SpecTests.Reports.Ci;

namespace PbenchAuthSpec.SpecTests.Tests.Ci;

/// <summary>
/// spec.junit.xml and spec.trx as CI systems read them: the JUnit file valid against the rules of
/// Jenkins xunit's junit-10.xsd (no properties inside a testcase, a skip's reason as its message,
/// the failing checks as the failure body, real times), TRX counters that add up.
/// </summary>
public sealed class CiReportTests
{
    private static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    private static SpecReport Report(bool strict = false)
    {
        var login = new SyntheticLogin();
        login.AuthQuery.Remove("nonce");
        var checks = login.Evaluate().Where(c => c.Step < 17)
            .Append(Check.That(18, "s18.1", "Diagram step 18", "GET /api/v1/key → 200", false, "200 for GET /api/v1/key as alice", "503 Cannot check the bearer token <&> \u0001")
                .WithFix("start the broker"))
            .Append(Check.Skipped(19, "s19.1", "Diagram step 19", "DELETE as bob → 403", "no token for 'other'"));
        var steps = StepReportBuilder.Build(checks, untilStep: 19);
        var trace = login.Trace();
        var started = new DateTimeOffset(2026, 12, 1, 20, 51, 53, TimeSpan.Zero);
        var hops = new TraceHopBuilder(SyntheticLogin.Target, SyntheticLogin.Realm, SyntheticLogin.Idp).Build(trace.All, trace.StepsOf);
        return new SpecReport
        {
            Steps = steps, Target = SyntheticLogin.Target, Broker = SyntheticLogin.Realm, Profile = "pbench", Dashboard = "plain",
            Summary = StepReportBuilder.Summarize(steps, strict),
            StartedAt = started,
            Trace = [.. hops.Select((h, i) => h with { Time = started.AddMilliseconds(300 + (150 * i)) })],
            RunDirectory = "/tmp/run", Timings = new Dictionary<string, long> { ["login walk"] = 5200, ["total"] = 8123 },
        };
    }

    [Test]
    public void The_JUnit_file_is_valid_against_the_rules_of_jenkins_xunit_s_junit_10_schema()
    {
        var problems = Validate(JunitReport.Render(Report()));

        problems.Should().BeEmpty();
    }

    [Test]
    public void The_schema_refuses_what_the_test_logger_used_to_write()
    {
        const string Logger = """
            <testsuites><testsuite name="s" tests="1" failures="0" errors="0" time="0.02">
              <testcase name="Step_01" classname="c" time="0"><properties><property name="Step" value="1" /></properties></testcase>
            </testsuite></testsuites>
            """;

        Validate(Logger).Should().ContainSingle().Which.Should().Contain("properties");
    }

    [Test]
    public void A_failure_holds_the_failing_checks_and_no_stack_trace_and_a_skip_says_why()
    {
        var junit = XDocument.Parse(JunitReport.Render(Report()));

        var cases = junit.Descendants("testcase").ToList();
        cases.Should().HaveCount(20);
        cases.Select(c => (string?)c.Attribute("name")).Should().Equal(Enumerable.Range(1, 20).Select(Steps.TestName));
        var failure = cases.Single(c => (string?)c.Attribute("name") == Steps.TestName(18)).Element("failure")!;
        ((string?)failure.Attribute("message")).Should().Be("step 18: s18.1 GET /api/v1/key → 200");
        failure.Value.Should().Contain("expected: 200 for GET /api/v1/key as alice").And.Contain("observed: 503").And.Contain("fix: start the broker")
            .And.NotContain(" at PbenchAuthSpec").And.NotContain("StackTrace");
        var skipped = cases.Single(c => (string?)c.Attribute("name") == Steps.TestName(20)).Element("skipped")!;
        ((string?)skipped.Attribute("message")).Should().Be("step 20 skipped: not walked: stopped after step 19 (--until-step)");
        cases.Single(c => (string?)c.Attribute("name") == Steps.TestName(3)).Element("system-out")!.Value.Should().Contain("WARN s3.nonce", "a warn step passes and says why");
    }

    [Test]
    public void Times_and_the_timestamp_are_the_run_s_own()
    {
        var report = Report();

        var suite = XDocument.Parse(JunitReport.Render(report)).Descendants("testsuite").Single();

        ((string?)suite.Attribute("time")).Should().Be("8.123");
        ((string?)suite.Attribute("timestamp")).Should().Be(report.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
        suite.Elements("testcase").Sum(c => double.Parse((string)c.Attribute("time")!, System.Globalization.CultureInfo.InvariantCulture)).Should().BeGreaterThan(0);
        var durations = StepDurations.Of(report);
        durations[3].Duration.Should().BePositive("step 3's request lasted until the next exchange");
        durations.Values.Aggregate(TimeSpan.Zero, (sum, d) => sum + d.Duration).Should().BeLessThanOrEqualTo(report.Trace.Max(h => h.Time) - report.Trace.Min(h => h.Time));
    }

    [Test]
    public void Trx_counters_add_up_with_skipped_steps_counted_as_not_executed()
    {
        var trx = XDocument.Parse(TrxReport.Render(Report()));

        var counters = trx.Descendants(Trx + "Counters").Single();
        int Count(string name) => (int)counters.Attribute(name)!;
        var results = trx.Descendants(Trx + "UnitTestResult").ToList();
        results.Should().HaveCount(20);
        Count("total").Should().Be(20);
        Count("executed").Should().Be(Count("passed") + Count("failed"));
        Count("total").Should().Be(Count("executed") + Count("notExecuted"));
        Count("failed").Should().Be(1);
        Count("notExecuted").Should().Be(results.Count(r => (string?)r.Attribute("outcome") == "NotExecuted")).And.BeGreaterThan(0);
        Count("passed").Should().Be(results.Count(r => (string?)r.Attribute("outcome") == "Passed"));
        results.Select(r => (string?)r.Attribute("testId")).Should().OnlyHaveUniqueItems()
            .And.BeEquivalentTo(trx.Descendants(Trx + "UnitTest").Select(u => (string?)u.Attribute("id")));
    }

    [Test]
    public void Strict_fails_a_warn_step_in_both_files()
    {
        var report = Report(strict: true);

        XDocument.Parse(JunitReport.Render(report)).Descendants("testcase").Single(c => (string?)c.Attribute("name") == Steps.TestName(3)).Element("failure").Should().NotBeNull();
        ((string?)XDocument.Parse(TrxReport.Render(report)).Descendants(Trx + "UnitTestResult").Single(r => (string?)r.Attribute("testName") == Steps.TestName(3)).Attribute("outcome")).Should().Be("Failed");
    }

    [Test]
    public void Step_test_names_are_the_nunit_step_tests_methods()
    {
        var methods = typeof(StepTests).GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.Name.StartsWith("Step_", StringComparison.Ordinal)).Select(m => m.Name);

        methods.Should().BeEquivalentTo(Enumerable.Range(1, 20).Select(Steps.TestName));
    }

    private static List<string> Validate(string xml)
    {
        var schemas = new XmlSchemaSet();
        using (var stream = typeof(CiReportTests).Assembly.GetManifestResourceStream("PbenchAuthSpec.SpecTests.Tests.junit-10-rules.xsd")!)
        using (var reader = XmlReader.Create(stream))
        {
            schemas.Add(null, reader);
        }

        var problems = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationEventHandler += (_, e) => problems.Add($"{e.Severity}: {e.Message}");
        using var document = XmlReader.Create(new StringReader(xml), settings);
        while (document.Read())
        {
        }

        return problems;
    }
}
