using System.Net;
using System.Text.RegularExpressions;

namespace PbenchAuthSpec.LoadGen;

/// <summary>
/// Just enough HTML reading to walk the stand-ins' pages without a browser: a form found by id
/// (or the only form on an auto-submitting page), its action, method and named fields.
/// </summary>
public sealed partial class HtmlForm
{
    private HtmlForm(string action, string method, List<KeyValuePair<string, string>> fields, string inner)
    {
        Action = action;
        Method = method;
        Fields = fields;
        Inner = inner;
    }

    public string Action { get; }

    public string Method { get; }

    /// <summary>Hidden and text inputs with their values, in page order.</summary>
    public List<KeyValuePair<string, string>> Fields { get; }

    private string Inner { get; }

    public static HtmlForm? Find(string html, string? id)
    {
        foreach (Match form in FormElement().Matches(html))
        {
            var attributes = Attributes(form.Groups["open"].Value);
            if (id is not null && attributes.GetValueOrDefault("id") != id)
            {
                continue;
            }

            var inner = form.Groups["inner"].Value;
            var fields = new List<KeyValuePair<string, string>>();
            foreach (Match input in InputElement().Matches(inner))
            {
                var field = Attributes(input.Value);
                if (field.TryGetValue("name", out var name) && field.GetValueOrDefault("type") is not ("submit" or "button"))
                {
                    fields.Add(new(name, field.GetValueOrDefault("value") ?? ""));
                }
            }

            return new HtmlForm(attributes.GetValueOrDefault("action") ?? "", attributes.GetValueOrDefault("method") ?? "get", fields, inner);
        }

        return null;
    }

    /// <summary>The <c>href</c> of the element with this id (e.g. Keycloak's <c>a#social-mockidp</c>).</summary>
    public static string? LinkById(string html, string id)
    {
        foreach (Match anchor in AnchorElement().Matches(html))
        {
            var attributes = Attributes(anchor.Value);
            if (attributes.GetValueOrDefault("id") == id)
            {
                return attributes.GetValueOrDefault("href");
            }
        }

        return null;
    }

    /// <summary>The name and value a click on the button with this id submits, if it has a name.</summary>
    public KeyValuePair<string, string>? Button(string id)
    {
        foreach (Match button in ButtonElement().Matches(Inner))
        {
            var attributes = Attributes(button.Value);
            if (attributes.GetValueOrDefault("id") == id && attributes.TryGetValue("name", out var name))
            {
                return new(name, attributes.GetValueOrDefault("value") ?? "");
            }
        }

        return null;
    }

    public void Set(string name, string value)
    {
        Fields.RemoveAll(f => f.Key == name);
        Fields.Add(new(name, value));
    }

    private static Dictionary<string, string> Attributes(string tag)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match attribute in Attribute().Matches(tag))
        {
            var value = attribute.Groups["dq"].Success ? attribute.Groups["dq"].Value : attribute.Groups["sq"].Value;
            result.TryAdd(attribute.Groups["name"].Value, WebUtility.HtmlDecode(value));
        }

        return result;
    }

    [GeneratedRegex(@"<form\b(?<open>[^>]*)>(?<inner>.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormElement();

    [GeneratedRegex(@"<input\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputElement();

    [GeneratedRegex(@"<button\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ButtonElement();

    [GeneratedRegex(@"<a\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex AnchorElement();

    [GeneratedRegex(@"(?<name>[a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(?:""(?<dq>[^""]*)""|'(?<sq>[^']*)')")]
    private static partial Regex Attribute();
}
