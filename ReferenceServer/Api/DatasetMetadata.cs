using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PbenchAuthSpec.ReferenceServer.Data;

namespace PbenchAuthSpec.ReferenceServer.Api;

/// <summary>
/// Pbench's <c>metadata</c> query key on the dataset list: repeatable, each a key or a comma list
/// of keys in the <c>dataset</c>, <c>global</c>, <c>server</c> or <c>user</c> namespace (the
/// dashboard sends it four times with <c>mine=true</c>). Each listed dataset then carries a
/// <c>metadata</c> object with those keys; keys this server does not keep are null.
/// </summary>
internal static partial class DatasetMetadata
{
    public const string Name = "metadata";
    private const int MaxKeys = 32;

    /// <summary>The query without its <c>metadata</c> pairs (for the strict reading of the others), and the keys they asked for.</summary>
    public static (string Others, IReadOnlyList<string> Keys, string? Error) Split(string? query)
    {
        var rest = new List<string>();
        var keys = new List<string>();
        foreach (var pair in (query ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (Decode(eq < 0 ? pair : pair[..eq]) != Name)
            {
                rest.Add(pair);
                continue;
            }

            foreach (var key in Decode(eq < 0 ? "" : pair[(eq + 1)..]).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Key().IsMatch(key))
                {
                    return ("", [], $"Unrecognized list value '{ApiRequest.Trim(key)}' given for parameter metadata; expected a key in the dataset, global, server or user namespace");
                }

                keys.Add(key);
            }
        }

        return keys.Count > MaxKeys ? ("", [], $"At most {MaxKeys} metadata keys") : (string.Join('&', rest), keys.Distinct(StringComparer.Ordinal).ToList(), null);
    }

    /// <summary>A listed dataset with the asked-for keys beside it.</summary>
    public static JsonObject With(Dataset dataset, IReadOnlyList<string> keys)
    {
        var json = JsonSerializer.SerializeToNode(dataset)!.AsObject();
        var metadata = new JsonObject();
        foreach (var key in keys)
        {
            metadata[key] = key switch
            {
                "dataset.name" => dataset.Name,
                "dataset.resource_id" => dataset.ResourceId,
                "dataset.access" => dataset.Access,
                "dataset.owner" => dataset.Owner,
                "dataset.uploaded" => dataset.Uploaded.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture),
                _ => null,
            };
        }

        json[Name] = metadata;
        return json;
    }

    // Decoding errors leave the text as it is: the strict reading of the rest reports malformed escapes.
    private static string Decode(string text)
    {
        try
        {
            return WebUtility.UrlDecode(text);
        }
        catch (ArgumentException)
        {
            return text;
        }
    }

    [GeneratedRegex(@"^(dataset|global|server|user)(\.[A-Za-z0-9_-]{1,64}){0,6}$")]
    private static partial Regex Key();
}
