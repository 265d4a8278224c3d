using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.SpecTests.Catalogue;
using PbenchAuthSpec.SpecTests.Reports;
using PbenchAuthSpec.SpecTests.Settings;

namespace PbenchAuthSpec.SpecTests.Tests;

/// <summary>The dashboard presets' matching rules, the catalogue row a dashboard's own call is judged by, and the console lines a stopped walk prints.</summary>
public sealed class DashboardPresetTests
{
    [Test]
    public void The_pbench_preset_is_logged_in_when_the_toolbar_contains_the_login_username_whoever_it_is()
    {
        var pbench = DashboardSelectors.Pbench;

        pbench.Path.Should().Be("/dashboard/auth");
        pbench.IsLoggedIn(" alice ", "alice").Should().BeTrue();
        pbench.IsLoggedIn("Signed in as carol", "carol").Should().BeTrue();
        pbench.IsLoggedIn("bob", "alice").Should().BeFalse();
        pbench.DescribeLoggedIn("alice").Should().Be("#toolbar .pf-c-dropdown__toggle-text containing 'alice'");
    }

    [Test]
    public void An_equals_preset_needs_the_whole_status_text()
    {
        DashboardSelectors.Plain.IsLoggedIn(" logged-in\n", "alice").Should().BeTrue();
        DashboardSelectors.Plain.IsLoggedIn("not logged-in", "alice").Should().BeFalse();
    }

    [TestCase("GET", "/api/v1/datasets?metadata=dataset.access&metadata=server.deletion&mine=true", true)]
    [TestCase("GET", "/api/v1/datasets?metadata=dataset.access", false)]
    [TestCase("GET", "/api/v1/datasets?mine=false", false)]
    [TestCase("POST", "/api/v1/datasets?mine=true", false)]
    [TestCase("GET", "/api/v1/datasets/ds-1?mine=true", false)]
    public void A_dashboard_call_matches_the_catalogue_row_with_its_method_path_and_query(string method, string pathAndQuery, bool matches)
    {
        var row = new CatalogueCall { Method = "GET", Path = "/api/v1/datasets?mine=true" };

        CatalogueMatch.Matches(row, method, pathAndQuery).Should().Be(matches);
    }

    [Test]
    public void A_catalogue_variable_stands_for_any_one_path_segment()
    {
        var row = new CatalogueCall { Method = "GET", Path = "/api/v1/datasets/{dataset}" };

        CatalogueMatch.Matches(row, "GET", "/api/v1/datasets/alice-private-1").Should().BeTrue();
        CatalogueMatch.Matches(row, "GET", "/api/v1/datasets/a/b").Should().BeFalse();
    }

    [Test]
    public void A_stopped_walk_prints_errors_and_keycloak_js_lines_not_the_apps_debug_logging_and_counts_repeats()
    {
        string[] console =
        [
            "log: rendering <Overview> (http://t/main.js:1:1)",
            "warning: [KEYCLOAK] 3rd party cookies aren't supported",
            "warning: [KEYCLOAK] 3rd party cookies aren't supported",
            "debug: axios request GET /api/v1/datasets",
            "info: [KEYCLOAK] Invalid nonce, clearing token",
            "error: Uncaught (in promise) undefined",
        ];

        ConsoleLines.Relevant(console).Should().Equal(
            "warning: [KEYCLOAK] 3rd party cookies aren't supported (×2)",
            "info: [KEYCLOAK] Invalid nonce, clearing token",
            "error: Uncaught (in promise) undefined");
        ConsoleLines.Relevant(console, last: 1).Should().Equal("error: Uncaught (in promise) undefined");
    }
}
