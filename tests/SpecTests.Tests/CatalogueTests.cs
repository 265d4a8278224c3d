using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.SpecTests.Catalogue;
using PbenchAuthSpec.SpecTests.Settings;

namespace PbenchAuthSpec.SpecTests.Tests;

/// <summary>The target catalogues of fixtures/targets/ load for both profiles; mistakes are named.</summary>
public sealed class CatalogueTests
{
    [TestCase("reference-server.json", "pbench")]
    [TestCase("reference-server.json", "diagram")]
    [TestCase("pbench.json", "pbench")]
    [TestCase("pbench.json", "diagram")]
    public void Each_catalogue_names_the_config_endpoint_and_calls_for_steps_18_to_20(string file, string profile)
    {
        var path = FixturePaths.File("targets", file);

        var entry = TargetCatalogue.Load(path).For(profile, path);

        entry.ConfigEndpoint.Should().StartWith("/");
        entry.Audience.Should().Be("pbench-server");
        entry.Step18.Should().NotBeEmpty().And.OnlyContain(c => c.Expect >= 200 && c.Expect < 300);
        entry.Step19.Should().NotBeEmpty().And.OnlyContain(c => c.Expect == 403);
        entry.Step20.Should().OnlyContain(c => c.NeedsUser);
    }

    [Test]
    public void The_pbench_catalogue_covers_the_three_forbidden_kinds_the_spec_lists()
    {
        var path = FixturePaths.File("targets", "pbench.json");

        var rules = TargetCatalogue.Load(path).For("pbench", path).Step19.Select(c => c.Rule).ToList();

        rules.Should().Contain(r => r!.Contains("non-owner", StringComparison.Ordinal))
            .And.Contain(r => r!.Contains("admin-only", StringComparison.Ordinal))
            .And.Contain(r => r!.Contains("owner", StringComparison.Ordinal) && r.Contains("non-admin", StringComparison.Ordinal));
    }

    [Test]
    public void A_missing_profile_is_named_with_the_ones_there_are()
    {
        var catalogue = TargetCatalogue.Parse("""{"profiles": {"pbench": {"step18": [{"path": "/a"}], "step20": [{"path": "/b"}]}}}""", "x.json");

        var pick = () => catalogue.For("diagram", "x.json");

        pick.Should().Throw<SpecSettingsException>().WithMessage("--catalogue x.json has no profile 'diagram' (it has: pbench).");
    }

    [Test]
    public void An_unknown_user_role_is_named()
    {
        var catalogue = TargetCatalogue.Parse("""{"profiles": {"pbench": {"step18": [{"path": "/a", "user": "carol"}], "step20": [{"path": "/b"}]}}}""", "x.json");

        var pick = () => catalogue.For("pbench", "x.json");

        pick.Should().Throw<SpecSettingsException>().WithMessage("*has user 'carol'; use login, other, admin or anonymous.");
    }

    [Test]
    public void A_misspelt_key_is_refused_with_its_path()
    {
        var parse = () => TargetCatalogue.Parse("""{"profiles": {"pbench": {"step18": [{"pth": "/a"}]}}}""", "x.json");

        parse.Should().Throw<SpecSettingsException>().WithMessage("--catalogue x.json: not a target catalogue at $.profiles.pbench.step18[0].pth*");
    }

    [TestCase("$.results[0].resource_id", "ds-1")]
    [TestCase("$.results[1].resource_id", null)]
    [TestCase("$.total", "2")]
    [TestCase("$.missing.x", null)]
    [TestCase("results", null)]
    public void Captures_read_a_small_JSONPath(string path, string? expected)
    {
        var json = JsonNode.Parse("""{"total": 2, "results": [{"resource_id": "ds-1"}]}""");

        JsonPathLite.Select(json, path).Should().Be(expected);
    }
}
