using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.SpecTests.Catalogue;
using PbenchAuthSpec.SpecTests.Checks;

namespace PbenchAuthSpec.SpecTests.Tests;

/// <summary>What a buggy target lets the forbidden matrix change: reported, and the later rows it explains not judged.</summary>
public sealed class DataChangeTests
{
    private static readonly Step17TokenCheck NoDefect = new([]);

    private static CallOutcome Row(string method, string template, string path, string user, int status) => new()
    {
        Call = new CatalogueCall { Method = method, Path = template, User = user, Expect = 403 },
        Label = $"{method} {path} as {user}",
        Status = status,
        Path = path,
        Values = template.Contains("{dataset}", StringComparison.Ordinal) ? new Dictionary<string, string> { ["dataset"] = "alice-private-1" } : new Dictionary<string, string>(),
        ExchangeId = 1,
    };

    [Test]
    public void A_wrongly_allowed_delete_is_reported_and_a_later_404_on_the_dataset_is_not_judged()
    {
        var rows = new[]
        {
            Row("GET", "/api/v1/datasets/{dataset}", "/api/v1/datasets/alice-private-1", "bob", 403),
            Row("DELETE", "/api/v1/datasets/{dataset}", "/api/v1/datasets/alice-private-1", "bob", 200),
            Row("POST", "/api/v1/datasets/{dataset}?owner={other}", "/api/v1/datasets/alice-private-1?owner=bob", "alice", 404),
            Row("GET", "/api/v1/server/audit", "/api/v1/server/audit", "alice", 200),
        };

        var (outcomes, changes) = DataChanges.Follow(rows, "s19.");
        var checks = Step18To19ServerAnswers.Step19(outcomes, NoDefect, "pbench").ToList();

        changes.Should().ContainSingle().Which.Should().BeEquivalentTo(new RunChange
        {
            System = "target", Check = "s19.2", What = "dataset alice-private-1 deleted", Request = "DELETE /api/v1/datasets/alice-private-1 as bob → 200",
            Restored = false, Restore = "re-create dataset alice-private-1 on the target",
        });
        checks.Single(c => c.Id == "s19.2").Verdict.Should().Be(Verdict.Fail, "the wrongly allowed delete is the finding");
        checks.Single(c => c.Id == "s19.3").Should().Match<Check>(c => c.Verdict == Verdict.Skip && c.Observed.Contains("not judged: dataset alice-private-1 deleted by s19.2"));
        checks.Single(c => c.Id == "s19.4").Verdict.Should().Be(Verdict.Fail, "a row on another resource is judged as usual");
    }

    [Test]
    public void A_refused_change_or_a_read_changes_nothing()
    {
        var rows = new[]
        {
            Row("DELETE", "/api/v1/datasets/{dataset}", "/api/v1/datasets/alice-private-1", "bob", 403),
            Row("GET", "/api/v1/datasets/{dataset}", "/api/v1/datasets/alice-private-1", "bob", 200),
            Row("POST", "/api/v1/datasets/{dataset}?access=public", "/api/v1/datasets/alice-private-1?access=public", "bob", 404),
        };

        var (outcomes, changes) = DataChanges.Follow(rows, "s19.");

        changes.Should().BeEmpty();
        outcomes.Should().OnlyContain(o => o.AfterChange == null);
    }

    [Test]
    public void A_change_without_a_variable_names_the_resource_path()
    {
        var (_, changes) = DataChanges.Follow([Row("PUT", "/api/v1/server/settings/dataset-lifetime", "/api/v1/server/settings/dataset-lifetime", "alice", 200)], "s19.");

        changes.Single().What.Should().Be("/api/v1/server/settings/dataset-lifetime changed");
    }
}
