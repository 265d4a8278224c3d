using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PbenchAuthSpec.SpecTests.Catalogue;

/// <summary>The small subset of JSONPath catalogues use to capture values: <c>$.a.b[0].c</c>.</summary>
public static partial class JsonPathLite
{
    public static string? Select(JsonNode? root, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith('$'))
        {
            return null;
        }

        var node = root;
        foreach (Match part in Segment().Matches(path[1..]))
        {
            node = part.Groups["name"].Success
                ? (node as JsonObject)?[part.Groups["name"].Value]
                : node is JsonArray array && int.Parse(part.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture) is var i && i < array.Count ? array[i] : null;
            if (node is null)
            {
                return null;
            }
        }

        return node switch
        {
            JsonValue value when value.TryGetValue(out string? text) => text,
            null => null,
            _ => node.ToJsonString(),
        };
    }

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\[(?<index>\d+)\]")]
    private static partial Regex Segment();
}
