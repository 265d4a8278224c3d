using System.Text;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>
/// docs/checks.md: every check of <see cref="CheckRegistry"/>, step by step, with its rule, verdict
/// policy and what it expects. Generated (<c>./pbench-auth-spec checks --write docs/checks.md</c>);
/// a SelfTest fails when the page in the repository is not this.
/// </summary>
public static class ChecksPage
{
    public static string Render()
    {
        var entries = CheckRegistry.All();
        var page = new StringBuilder();
        page.Append("# Checks\n\n")
            .Append("Generated from the check registry (`SpecTests/Checks/CheckRegistry.cs`): do not edit by hand; run\n")
            .Append("`./pbench-auth-spec checks --write docs/checks.md`. A check passes when its rule is met; otherwise it\n")
            .Append("gets the verdict its policy names. `{n}`, `{…}` stand for what the run fills in. Every step also reports\n")
            .Append("the families below.\n\n");
        Table(page, entries.Where(e => e.Rule.IsFamily && !e.Rule.Id.StartsWith("s18.", StringComparison.Ordinal)
            && !e.Rule.Id.StartsWith("s19.", StringComparison.Ordinal)));
        for (var step = 1; step <= 20; step++)
        {
            var mine = entries.Where(e => e.Rule.Step == step && !e.Rule.Id.StartsWith("s{", StringComparison.Ordinal)).ToList();
            page.Append($"\n## Step {step}: {Steps.Title(step)}\n\n");
            var files = mine.Select(e => e.DeclaredIn).Distinct().Select(f => $"[{Path.GetFileName(f)}](../{f})");
            page.Append($"Declared in {string.Join(", ", files)}.\n\n");
            Table(page, mine);
        }

        return page.ToString();
    }

    private static void Table(StringBuilder page, IEnumerable<CheckRegistry.Entry> entries)
    {
        page.Append("| id | rule | checks | verdict | expects |\n|---|---|---|---|---|\n");
        foreach (var r in entries.Select(e => e.Rule))
        {
            page.Append($"| `{r.Id}` | {Cell(r.Rule)} | {Cell(r.Title)} | {Cell(r.PolicyText)} | {Cell(r.Expected)} |\n");
        }
    }

    // GitHub markdown: a pipe ends a cell and <…> reads as HTML, so both are escaped.
    private static string Cell(string text) =>
        text.Replace("|", "\\|", StringComparison.Ordinal).Replace("<", "\\<", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
