using System.Text.RegularExpressions;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.StandIns;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Reports;

namespace PbenchAuthSpec.SpecTests.Tests.Runs;

/// <summary>
/// The foreign-broker path as an operator meets it with their own Keycloak: MockBroker in foreign
/// mode (no /__admin, a key of its own, no journal), reached only over HTTP; the IdP's journal is
/// the only one that covers the federation.
/// </summary>
[NonParallelizable]
public sealed partial class ForeignBrokerRunTests
{
    /// <summary>What a foreign broker makes unobservable, and only that (docs/foreign-broker.md's "Verifying your own Keycloak" table).</summary>
    private static readonly string[] ForeignSkips =
    [
        "s11.federated-link", "s11.user", "s19.{row}",
        "s20.control.rotated-key", "s20.exp-missing", "s20.expired", "s20.nbf-future", "s20.wrong-iss",
    ];

    /// <summary>Protocol mode's own skips (no dashboard), whatever the broker.</summary>
    private static readonly string[] ProtocolModeSkips = ["s13.observed", "s14.status", "s15.state-checked", "s16.setup.nonce"];

    [Test]
    public async Task A_clean_run_against_a_foreign_broker_passes_with_exactly_the_skips_the_foreign_broker_page_lists()
    {
        await using var stack = await StandInStack.StartAsync(new StandInStackOptions { ForeignBroker = true });

        var report = await SharedBrowser.RunAsync(Settings(stack));

        report.Summary.RunVerdict.Should().Be("pass", report.Problems());
        report.Summary.ExitCode.Should().Be(0);
        Skips(report).Should().Equal(ForeignSkips.Concat(ProtocolModeSkips).Order(StringComparer.Ordinal), SkipLines(report));
        DocsTable().Should().Equal(ForeignSkips.Order(StringComparer.Ordinal), "docs/foreign-broker.md's table is what a foreign broker hides");
        report.Step(11).Checks.Should().Contain(c => c.Id == "s11.code-exchange" && c.Verdict == Verdict.Pass, "the IdP's journal, found from step 5's origin, covers the exchange");
        report.Step(20).Checks.Should().Contain(c => c.Id == "s20.aud-without-audience" && c.Verdict == Verdict.Pass && c.Title.Contains("a real token of client admin-cli", StringComparison.Ordinal));
        report.Step(20).Checks.Should().Contain(c => c.Id == "s20.control.aud-array" && c.Verdict == Verdict.Pass && c.Title.Contains("the broker's own token of step 16", StringComparison.Ordinal));
        report.BrokerAdmin!.Username.Should().BeNull("no credentials were set, and the built-in ones never go to a foreign broker");
    }

    [Test]
    public async Task Broker_admin_credentials_the_user_sets_recover_step_11_and_the_report_names_their_source()
    {
        await using var stack = await StandInStack.StartAsync(new StandInStackOptions { ForeignBroker = true });

        var report = await SharedBrowser.RunAsync(Settings(stack, ("BROKER_ADMIN_USERNAME", "kc-admin"), ("BROKER_ADMIN_PASSWORD", "kc-admin-password")));

        report.Summary.RunVerdict.Should().Be("pass", report.Problems());
        report.Step(11).Checks.Should().Contain(c => c.Id == "s11.user" && c.Verdict == Verdict.Pass).And.Contain(c => c.Id == "s11.federated-link" && c.Verdict == Verdict.Pass);
        report.BrokerAdmin.Should().Be(new BrokerAdminReport("kc-admin", "PBENCH_AUTH_SPEC_BROKER_ADMIN_USERNAME/PASSWORD"));
    }

    private static SpecTests.Settings.SpecSettings Settings(StandInStack stack, params (string Name, string Value)[] more) =>
        SharedBrowser.Settings([("TARGET", stack.TargetUrl), ("BROKER", stack.RealmUrl), ("DASHBOARD", "none"), ("CATALOGUE", FixturePaths.File("targets", "reference-server.json")),
            .. ExplicitUsers, .. more]);

    // MockIdp behind the foreign broker knows only the fixture users; a foreign broker gets fixture
    // passwords only when they are given explicitly, as an operator gives their own.
    private static readonly (string Name, string Value)[] ExplicitUsers =
    [
        ("LOGIN_USERNAME", "alice"), ("LOGIN_PASSWORD", "alice-password"),
        ("OTHER_USERNAME", "bob"), ("OTHER_PASSWORD", "bob-password"),
        ("ADMIN_USERNAME", "admin"), ("ADMIN_PASSWORD", "admin-password"),
        ("OTHER_REALM_USERNAME", "alice"), ("OTHER_REALM_PASSWORD", "alice-password"),
    ];

    // Step 19's rows are numbered by their place in the catalogue: the table names them s19.{row}.
    private static List<string> Skips(SpecReport report) =>
        report.IdsWith(Verdict.Skip).Select(id => Row().Replace(id, "s19.{row}")).Order(StringComparer.Ordinal).ToList();

    private static string SkipLines(SpecReport report) =>
        string.Join("\n", report.Steps.SelectMany(s => s.Checks).Where(c => c.Verdict == Verdict.Skip));

    private static List<string> DocsTable()
    {
        var page = File.ReadAllLines(Path.Combine(Path.GetDirectoryName(FixturePaths.Directory)!, "docs", "foreign-broker.md"));
        var start = Array.FindIndex(page, l => l.StartsWith("<!-- foreign-broker skips", StringComparison.Ordinal));
        start.Should().BeGreaterThanOrEqualTo(0, "docs/foreign-broker.md has the table of what a foreign broker hides");
        return page.Skip(start + 3).TakeWhile(l => l.StartsWith('|'))
            .SelectMany(l => Ids().Matches(l.Split('|')[1]).Select(m => m.Groups[1].Value))
            .Order(StringComparer.Ordinal).ToList();
    }

    [GeneratedRegex(@"^s19\.\d+$")]
    private static partial Regex Row();

    [GeneratedRegex(@"`(s\d+\.[^`]+)`")]
    private static partial Regex Ids();
}
