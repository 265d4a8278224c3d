using System.Text.RegularExpressions;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.SpecTests.Checks;

namespace PbenchAuthSpec.SpecTests.Tests;

/// <summary>
/// The check registry is the one place a check's id, rule, title, verdict policy and expectation
/// are written: it holds exactly the public ids, each says what it checks, docs/checks.md is
/// rendered from it, and no SpecTests code builds a check from positional parts.
/// </summary>
public sealed partial class ChecksPageTests
{
    private static readonly string Root = Path.GetDirectoryName(FixturePaths.Directory)!;

    [Test]
    public void The_registry_declares_exactly_the_public_check_ids()
    {
        var rules = CheckRegistry.All().Select(e => e.Rule).ToList();

        rules.Select(r => r.Id).Should().OnlyHaveUniqueItems("an id is declared in one place");
        rules.Where(r => !r.IsFamily).Select(r => r.Id).Should().BeEquivalentTo(CheckIds.Named, "every public id has its declaration");
        rules.Where(r => r.IsFamily).Select(r => r.Id).Should().BeEquivalentTo(
            CheckIds.Families.Select(f => f.Pattern).Where(p => p.Contains("{n}", StringComparison.Ordinal)), "every family has its declaration");
    }

    [Test]
    public void Every_check_says_its_rule_what_it_checks_and_what_it_expects()
    {
        var vague = CheckRegistry.All().Select(e => e.Rule)
            .Where(r => r.Rule.Length == 0 || r.Title.Length == 0 || (r.Expected.Length == 0 && r.SkipWhen is null)).Select(r => r.Id);

        vague.Should().BeEmpty();
    }

    [Test]
    public void Every_check_is_declared_in_the_file_named_by_its_step()
    {
        foreach (var entry in CheckRegistry.All())
        {
            File.Exists(Path.Combine(Root, entry.DeclaredIn)).Should().BeTrue($"{entry.Rule.Id} is declared in {entry.DeclaredIn}");
            var file = Path.GetFileNameWithoutExtension(entry.DeclaredIn);
            if (StepRange().Match(file) is { Success: true } m && !entry.Rule.IsFamily)
            {
                var first = int.Parse(m.Groups["first"].Value, System.Globalization.CultureInfo.InvariantCulture);
                var last = m.Groups["last"].Success ? int.Parse(m.Groups["last"].Value, System.Globalization.CultureInfo.InvariantCulture) : first;
                entry.Rule.Step.Should().BeInRange(first, last, $"{entry.Rule.Id} lives in {file}");
            }
        }
    }

    [Test]
    public void Docs_checks_page_is_the_registry_rendered()
    {
        var fresh = ChecksPage.Render();
        // ./pbench-auth-spec checks copies this file to docs/checks.md (or prints it).
        Directory.CreateDirectory(Path.Combine(Root, "artifacts"));
        File.WriteAllText(Path.Combine(Root, "artifacts", "checks.md"), fresh);
        var page = Path.Combine(Root, "docs", "checks.md");

        File.Exists(page).Should().BeTrue("docs/checks.md is generated: ./pbench-auth-spec checks --write docs/checks.md");
        File.ReadAllText(page).ReplaceLineEndings("\n").Should().Be(fresh, "docs/checks.md is stale: run ./pbench-auth-spec checks --write docs/checks.md");
    }

    [Test]
    public void The_page_lists_each_step_with_its_checks_and_their_policy()
    {
        var page = ChecksPage.Render();

        page.Should().Contain("## Step 16: Broker to browser: token response");
        page.Should().Contain("[Step16TokenResponse.cs](../SpecTests/Checks/Steps/Step16TokenResponse.cs)");
        page.Should().Contain("| `s12.iss` | RFC 9207 §2.4 | iss is the broker's issuer | pass when equal, warn when missing, fail when different |");
        page.Should().Contain("| `s3.state` | RFC 6749 §10.12 | state present | pass when met, else warn |");
        page.Should().Contain("| `s20.alg-none` | RFC 8725 §3.2 | alg: none → 401 |");
    }

    [Test]
    public void A_rule_not_met_gets_its_policy_s_verdict_and_a_skip_its_reason()
    {
        var rule = new CheckRule("s3.state", "RFC 6749 §10.12", "state present") { Expected = "state", Otherwise = Verdict.Warn, SkipWhen = "no request" };

        rule.Judge(true, "abc").Verdict.Should().Be(Verdict.Pass);
        var missed = rule.Judge(false, "missing", expected: "state=x");
        missed.Should().BeEquivalentTo(new { Step = 3, Id = "s3.state", Rule = "RFC 6749 §10.12", Verdict = Verdict.Warn, Expected = "state=x", Observed = "missing" });
        rule.Skip().Should().BeEquivalentTo(new { Verdict = Verdict.Skip, Observed = "no request", Title = "state present" });
        new CheckRule("s{n}.observed", "Diagram step {n}", "step observed").Of(7).Judge(false, "none")
            .Should().BeEquivalentTo(new { Step = 7, Id = "s7.observed", Rule = "Diagram step 7", Verdict = Verdict.Fail });
    }

    [Test]
    public void No_check_is_built_from_positional_parts_and_check_lines_fit_on_a_screen()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(Root, "SpecTests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(Root, f), File.ReadAllLines);

        var positional = sources.SelectMany(s => s.Value.Select((l, i) => (File: s.Key, Line: i + 1, Text: l)))
            .Where(l => l.Text.Contains("Check.That(", StringComparison.Ordinal) || l.Text.Contains("Check.Skipped(", StringComparison.Ordinal))
            .Where(l => !l.File.EndsWith("Check.cs", StringComparison.Ordinal));
        var wide = sources.SelectMany(s => s.Value.Select((l, i) => (File: s.Key, Line: i + 1, Text: l)))
            .Where(l => l.File.StartsWith(Path.Combine("SpecTests", "Checks"), StringComparison.Ordinal) && l.Text.Length > 150 && CheckLine().IsMatch(l.Text));

        positional.Select(l => $"{l.File}:{l.Line}").Should().BeEmpty("a check is judged through its declared CheckRule");
        wide.Select(l => $"{l.File}:{l.Line}").Should().BeEmpty("a check's declaration and judgement fit in 150 columns");
    }

    [GeneratedRegex(@"^Step(?<first>\d\d)(To(?<last>\d\d))?")]
    private static partial Regex StepRange();

    [GeneratedRegex(@"CheckRule |\.Judge\(|\.Give\(|\.Skip\(")]
    private static partial Regex CheckLine();
}
