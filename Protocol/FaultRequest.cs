using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace PbenchAuthSpec.Protocol;

/// <summary>What a fault mapping matches: a path (exact, or with <c>*</c> wildcards) and methods.</summary>
public sealed record FaultRequest
{
    [JsonPropertyName("Path")]
    public JsonNode? Path { get; init; }

    [JsonPropertyName("Methods")]
    public IReadOnlyList<string>? Methods { get; init; }

    [JsonIgnore]
    public string? PathPattern => Path switch
    {
        JsonValue value when value.TryGetValue(out string? text) => text,
        JsonObject obj => obj["Matchers"]?.AsArray().FirstOrDefault()?["Pattern"]?.GetValue<string>(),
        _ => null,
    };

    public bool Matches(string method, string path)
    {
        if (Methods is { Count: > 0 } && !Methods.Any(m => string.Equals(m, method, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        return PathPattern is { } pattern && Wildcard(pattern, path);
    }

    private static bool Wildcard(string pattern, string text)
    {
        var parts = pattern.Split('*');
        if (parts.Length == 1)
        {
            return string.Equals(pattern, text, StringComparison.Ordinal);
        }

        if (!text.StartsWith(parts[0], StringComparison.Ordinal))
        {
            return false;
        }

        var position = parts[0].Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var found = text.IndexOf(parts[i], position, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            position = found + parts[i].Length;
        }

        return text.Length - position >= parts[^1].Length && text.EndsWith(parts[^1], StringComparison.Ordinal);
    }
}
