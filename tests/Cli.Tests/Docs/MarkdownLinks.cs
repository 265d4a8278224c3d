using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PbenchAuthSpec.Cli.Tests;

/// <summary>
/// The relative links of a Markdown page that lead nowhere: a file or folder that does not exist,
/// or an anchor that no heading of the linked page makes (GitHub's heading ids: lower case, only
/// letters, digits, spaces, '-' and '_' kept, spaces become '-', a repeated id gets "-1", "-2").
/// Links inside code (fenced blocks, `spans`) are text, not links.
/// </summary>
internal static partial class MarkdownLinks
{
    /// <summary>One line per broken link: "PAGE: TARGET (what is missing)".</summary>
    public static IReadOnlyList<string> Broken(string page)
    {
        var text = Prose(File.ReadAllText(page));
        var folder = Path.GetDirectoryName(page)!;
        var broken = new List<string>();
        foreach (Match link in Link().Matches(text))
        {
            var target = link.Groups["target"].Value;
            if (Scheme().IsMatch(target))
            {
                continue;
            }

            var hash = target.IndexOf('#', StringComparison.Ordinal);
            var path = hash < 0 ? target : target[..hash];
            var anchor = hash < 0 ? null : target[(hash + 1)..];
            var file = path.Length == 0 ? page : Path.GetFullPath(Path.Combine(folder, Uri.UnescapeDataString(path)));
            if (!File.Exists(file) && !Directory.Exists(file))
            {
                broken.Add($"{page}: {target} (no such file)");
            }
            else if (anchor is not null && file.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && !Anchors(file).Contains(anchor))
            {
                broken.Add($"{page}: {target} (no heading makes #{anchor})");
            }
        }

        return broken;
    }

    /// <summary>The ids GitHub gives the page's headings.</summary>
    public static HashSet<string> Anchors(string page)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match heading in Heading().Matches(Fenced().Replace(File.ReadAllText(page).ReplaceLineEndings("\n"), "")))
        {
            var slug = Slug(heading.Groups["text"].Value);
            var count = seen.GetValueOrDefault(slug);
            seen[slug] = count + 1;
            anchors.Add(count == 0 ? slug : string.Create(CultureInfo.InvariantCulture, $"{slug}-{count}"));
        }

        return anchors;
    }

    private static string Slug(string heading)
    {
        var slug = new StringBuilder();
        foreach (var c in LinkText().Replace(heading.Trim(), "${text}").ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
            {
                slug.Append(c);
            }
            else if (c == ' ')
            {
                slug.Append('-');
            }
        }

        return slug.ToString();
    }

    // Code is not prose: a fenced block or a `span` may hold "[x](y)" that is no link.
    private static string Prose(string markdown) => CodeSpan().Replace(Fenced().Replace(markdown.ReplaceLineEndings("\n"), ""), "");

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^[a-z][a-z0-9+.-]*:", RegexOptions.IgnoreCase)]
    private static partial Regex Scheme();

    [GeneratedRegex(@"^#{1,6}[ \t]+(?<text>.+?)[ \t#]*$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^ {0,3}```.*?^ {0,3}```[^\n]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fenced();

    [GeneratedRegex(@"`[^`\n]*`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"\[(?<text>[^\]]*)\]\([^)]*\)")]
    private static partial Regex LinkText();
}
