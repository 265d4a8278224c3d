using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.ReferenceServer.Tests;

/// <summary><c>fixtures/defects.json</c> (read by the CLI and the spec's defect matrix) agrees with the code.</summary>
public sealed class DefectCatalogueTests
{
    private static readonly JsonArray Rows = JsonNode.Parse(File.ReadAllText(FixturePaths.File("defects.json")))!["defects"]!.AsArray();

    [Test]
    public void Catalogue_lists_exactly_the_defects_the_stack_implements()
    {
        Rows.Select(r => r!["name"]!.GetValue<string>()).Should().BeEquivalentTo(DefectNames.All).And.OnlyHaveUniqueItems();
    }

    [Test]
    public void Each_row_has_a_target_description_steps_verdict_and_dashboards()
    {
        foreach (var row in Rows.Select(r => r!.AsObject()))
        {
            var name = row["name"]!.GetValue<string>();
            var expectedTarget = DefectNames.Server.Contains(name) ? "server" : DefectNames.Dashboard.Contains(name) ? "dashboard" : "broker";
            row["target"]!.GetValue<string>().Should().Be(expectedTarget, name);
            row["description"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace(name);
            row["steps"]!.AsArray().Select(s => s!.GetValue<int>()).Should().NotBeEmpty(name).And.OnlyContain(s => s >= 1 && s <= 20, name);
            row["verdict"]!.GetValue<string>().Should().BeOneOf(["fail", "warn"], name);
            var dashboards = row["dashboards"]!.AsArray().Select(d => d!.GetValue<string>()).ToList();
            dashboards.Should().NotBeEmpty(name).And.BeSubsetOf(["plain", "kc", "pbench"], name);
            foreach (var (dashboard, steps) in row["stepsByDashboard"]?.AsObject() ?? [])
            {
                dashboards.Should().Contain(dashboard, "{0}: stepsByDashboard names only the row's dashboards", name);
                steps!.AsArray().Select(s => s!.GetValue<int>()).Should().NotBeEmpty(name).And.OnlyContain(s => s >= 1 && s <= 20, name);
            }

            if (expectedTarget == "dashboard")
            {
                List<string> implementing = [.. DefectNames.PlainDashboard.Contains(name) ? ["plain"] : Array.Empty<string>(), .. DefectNames.KeycloakJsDashboard.Contains(name) ? ["kc", "pbench"] : Array.Empty<string>()];
                dashboards.Should().Equal(implementing, "a dashboard row is tested against every dashboard that implements it ({0})", name);
            }
            else
            {
                dashboards.Should().NotContain("pbench", "server and broker rows need no third run against the Pbench-style face ({0})", name);
            }
        }
    }

    [Test]
    public void Broker_rows_are_the_mock_brokers_fault_names_with_the_prefix()
    {
        var faults = MockBroker.BrokerFaults.All;

        Rows.Where(r => r!["target"]!.GetValue<string>() == "broker")
            .Select(r => r!["name"]!.GetValue<string>()[DefectNames.BrokerPrefix.Length..])
            .Should().BeEquivalentTo(faults);
    }

    [Test]
    public void Warn_rows_are_the_ones_spec_md_only_warns_about()
    {
        Rows.Where(r => r!["verdict"]!.GetValue<string>() == "warn").Select(r => r!["name"]!.GetValue<string>())
            .Should().BeEquivalentTo(DefectNames.OmitWwwAuthenticate, DefectNames.ServeClientSecret, DefectNames.DashboardNoPkce, DefectNames.DashboardDropsFirstResponse, DefectNames.UnknownQueryKeys400);
    }
}
