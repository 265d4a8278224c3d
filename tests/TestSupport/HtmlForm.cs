using System.Net;
using System.Text.RegularExpressions;

namespace PbenchAuthSpec.TestSupport;

/// <summary>The first form of an HTML page: its id, action and hidden fields (enough for MockIdp's and ASP.NET's pages).</summary>
public sealed partial record HtmlForm(string? Id, string Action, IReadOnlyDictionary<string, string> Fields)
{
    public static HtmlForm Parse(string html)
    {
        var form = FormTag().Match(html);
        if (!form.Success)
        {
            throw new InvalidOperationException($"no <form> in the page: {html[..Math.Min(html.Length, 300)]}");
        }

        var fields = HiddenInput().Matches(html)
            .ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value), StringComparer.Ordinal);
        var id = IdAttribute().Match(form.Value);
        return new(id.Success ? id.Groups["id"].Value : null, WebUtility.HtmlDecode(ActionAttribute().Match(form.Value).Groups["action"].Value), fields);
    }

    public static bool Has(string html, string elementId) => html.Contains($"id=\"{elementId}\"", StringComparison.Ordinal);

    [GeneratedRegex("<form[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex FormTag();

    [GeneratedRegex("id=\"(?<id>[^\"]*)\"")]
    private static partial Regex IdAttribute();

    [GeneratedRegex("action=\"(?<action>[^\"]*)\"")]
    private static partial Regex ActionAttribute();

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]*)" value="(?<value>[^"]*)"\s*/?>""", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenInput();
}
