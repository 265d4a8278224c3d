using System.Text.RegularExpressions;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.Cli.Tests;

/// <summary>
/// The project carries its own documentation: README and docs/ link only to what exists (files and
/// headings), no file cites a document the repository does not hold, and CI runs exactly the test
/// command README shows.
/// </summary>
public sealed partial class DocumentationTests
{
    private static readonly string Root = Path.GetDirectoryName(FixturePaths.Directory)!;

    // Written in pieces so that this file does not cite them itself.
    private static readonly string[] Outside = ["SPEC" + ".md", "PBENCH" + ".md", "contracts" + ".md"];

    private static readonly string[] NotSources = ["bin", "obj", "node_modules", "artifacts", ".git", "TestResults"];

    private string _scratch = "";

    [SetUp]
    public void CreateScratch() => _scratch = Directory.CreateTempSubdirectory("pbench-docs-").FullName;

    [TearDown]
    public void DeleteScratch() => Directory.Delete(_scratch, recursive: true);

    [Test]
    public void Every_relative_link_in_README_and_docs_leads_to_a_file_and_heading_that_exist()
    {
        var pages = Directory.EnumerateFiles(Path.Combine(Root, "docs"), "*.md")
            .Append(Path.Combine(Root, "README.md")).Append(Path.Combine(Root, "fixtures", "README.md")).ToList();

        pages.Should().HaveCountGreaterThan(5);
        string.Join("\n", pages.SelectMany(MarkdownLinks.Broken)).Should().BeEmpty("every broken link is listed, one a line");
    }

    [Test]
    public void A_link_to_a_missing_file_or_heading_is_reported()
    {
        File.WriteAllText(Path.Combine(_scratch, "other.md"), "# Other page\n\n## What `--flag` does\n\n```sh\n# not a heading\n```\n");
        var page = Path.Combine(_scratch, "page.md");
        File.WriteAllText(page, """
            # Page

            [fine](other.md#what---flag-does), [here](#page), [web](https://example.com/x.md),
            `[code](nowhere.md)`, [gone](missing.md), [no heading](other.md#not-a-heading), [no anchor](#nope).
            """);

        MarkdownLinks.Broken(page).Should().Equal(
            $"{page}: missing.md (no such file)",
            $"{page}: other.md#not-a-heading (no heading makes #not-a-heading)",
            $"{page}: #nope (no heading makes #nope)");
    }

    [Test]
    public void No_file_of_the_repository_cites_a_document_it_does_not_hold()
    {
        string.Join("\n", Citations(Root)).Should().BeEmpty("the project carries its own spec: cite docs/ instead");
    }

    [Test]
    public void A_file_citing_an_outside_document_is_found()
    {
        Directory.CreateDirectory(Path.Combine(_scratch, "src"));
        File.WriteAllText(Path.Combine(_scratch, "src", "Rule.cs"), $"// as {Outside[2]} says\n");
        Directory.CreateDirectory(Path.Combine(_scratch, "node_modules"));
        File.WriteAllText(Path.Combine(_scratch, "node_modules", "x.md"), Outside[0]);

        Citations(_scratch).Should().Equal($"src{Path.DirectorySeparatorChar}Rule.cs: {Outside[2]}");
    }

    [Test]
    public void CI_runs_exactly_the_test_command_README_shows()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md")).ReplaceLineEndings("\n");
        var quickStart = QuickStart().Match(readme);
        quickStart.Success.Should().BeTrue("README's quick start shows the commands in a sh block");
        var shown = quickStart.Groups["commands"].Value.Split('\n').Single(l => l.StartsWith("./pbench-auth-spec test", StringComparison.Ordinal));

        var ci = File.ReadAllLines(Path.Combine(Root, ".ci", "run")).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'));

        ci.Should().Contain(shown, ".ci/run calls the test command README's quick start shows");
    }

    private static List<string> Citations(string root) =>
        Sources(root)
            .SelectMany(file => Outside.Where(name => Contains(file, name)).Select(name => $"{Path.GetRelativePath(root, file)}: {name}"))
            .ToList();

    private static IEnumerable<string> Sources(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            yield return file;
        }

        foreach (var sub in Directory.EnumerateDirectories(folder).Where(d => !NotSources.Contains(Path.GetFileName(d))))
        {
            foreach (var file in Sources(sub))
            {
                yield return file;
            }
        }
    }

    // Text files only: a binary (an image, a key store) has a NUL in its first bytes.
    private static bool Contains(string file, string name)
    {
        var bytes = File.ReadAllBytes(file);
        return Array.IndexOf(bytes[..Math.Min(bytes.Length, 8000)], (byte)0) < 0
            && System.Text.Encoding.UTF8.GetString(bytes).Contains(name, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"## Quick start\n+```sh\n(?<commands>.*?)```", RegexOptions.Singleline)]
    private static partial Regex QuickStart();
}
