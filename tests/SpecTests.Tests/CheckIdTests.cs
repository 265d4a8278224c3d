using System.Text;
using System.Text.RegularExpressions;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.SpecTests.Catalogue;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Tokens;

namespace PbenchAuthSpec.SpecTests.Tests;

/// <summary>
/// Check ids are a public interface: the registry (<see cref="CheckIds"/>) is exactly what the
/// checks' code writes, and README's list is generated from it (the failure message carries the
/// block to paste).
/// </summary>
public sealed partial class CheckIdTests
{
    private const string Start = "<!-- check ids: generated from SpecTests/Checks/CheckIds.cs (tests/SpecTests.Tests' CheckIdTests fails when they differ) -->";
    private const string End = "<!-- end of check ids -->";
    private static readonly string Root = Path.GetDirectoryName(FixturePaths.Directory)!;

    [Test]
    public void Every_id_the_checks_code_writes_is_in_the_registry()
    {
        var written = WrittenIds();
        var catalogue = TargetCatalogue.Load(FixturePaths.File("targets", "reference-server.json")).For("pbench", "reference-server.json");

        written.Should().NotBeEmpty();
        written.Where(id => !CheckIds.Exists(id, catalogue)).Should().BeEmpty("every id a check can report is in CheckIds (and README)");
    }

    [Test]
    public void Every_registered_id_is_written_by_a_check()
    {
        var written = WrittenIds();

        CheckIds.Named.Except(written).Should().BeEmpty("an id in the registry that no check writes is a stale public id");
        CheckIds.Named.Should().OnlyHaveUniqueItems();
    }

    [Test]
    public void README_lists_exactly_the_registered_ids()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var start = readme.IndexOf(Start, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);

        start.Should().BeGreaterThan(0, "README has the generated list of check ids");
        var listed = readme[start..(end + End.Length)].ReplaceLineEndings("\n");
        listed.Should().Be(Markdown(), "README's check ids are CheckIds'; paste the expected block into README.md");
    }

    [Test]
    public void Row_ids_exist_only_for_the_catalogue_s_rows()
    {
        var catalogue = TargetCatalogue.Load(FixturePaths.File("targets", "reference-server.json")).For("pbench", "reference-server.json");
        var rows19 = catalogue.Step19.Count + catalogue.Step19.Count(c => c.ForgeAdminRole);

        CheckIds.Exists($"s18.{catalogue.Step18.Count}", catalogue).Should().BeTrue();
        CheckIds.Exists($"s18.{catalogue.Step18.Count + 1}", catalogue).Should().BeFalse();
        CheckIds.Exists($"s19.{rows19}", catalogue).Should().BeTrue("the forged admin rows follow the catalogue's rows");
        CheckIds.Exists($"s19.{rows19 + 1}", catalogue).Should().BeFalse();
        CheckIds.Exists("s20.observed", catalogue).Should().BeTrue();
        CheckIds.Exists("s21.observed", catalogue).Should().BeFalse();
        CheckIds.Exists("s20.expired@/api/v1/key", catalogue).Should().BeFalse("one id per case, whatever the number of endpoints");
    }

    /// <summary>The literal ids in SpecTests' code (each CheckRule's declaration), and the matrix's cases.</summary>
    private static HashSet<string> WrittenIds()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(Root, "SpecTests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && Path.GetFileName(f) != "CheckIds.cs")
            .Select(File.ReadAllText).ToList();
        var ids = sources.SelectMany(s => Literal().Matches(s).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);
        var forge = new TokenForge(TokenForgeTests.Inputs(SyntheticKeys.Broker));
        ids.UnionWith(forge.InvalidTokenCases().Concat(forge.PositiveControls()).Append(TokenForge.RotatedKeySkipped("-")).Select(c => Step20Matrix.IdOf(c.Positive, c.Id)));
        return ids;
    }

    private static string Markdown()
    {
        var text = new StringBuilder().Append(Start).Append('\n').Append("| step | check ids |\n|---|---|\n");
        foreach (var step in CheckIds.Named.GroupBy(id => int.Parse(id[1..id.IndexOf('.', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)))
        {
            text.Append($"| {step.Key} | {string.Join(", ", step.Select(id => $"`{id}`"))} |\n");
        }

        foreach (var (pattern, meaning) in CheckIds.Families)
        {
            text.Append($"| any | `{pattern}`: {meaning} |\n");
        }

        return text.Append(End).ToString();
    }

    [GeneratedRegex(@"""(s[0-9]+\.[a-z0-9][a-z0-9.-]*)""")]
    private static partial Regex Literal();
}
