using System.Text.Json;
using System.Text.Json.Nodes;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>What <c>serve --json</c> prints as its first line: where each stand-in answers.</summary>
/// <param name="Idp">MockIdp's URL, or the issuer the broker federates (<c>--idp</c>); null when neither.</param>
public sealed record StandInUrls(string? Idp, string Broker, string Realm, string Target)
{
    /// <summary>The line's URLs, or null when it is not <c>serve --json</c>'s first line.</summary>
    public static StandInUrls? Parse(string line)
    {
        try
        {
            return JsonNode.Parse(line) is JsonObject urls
                   && Text(urls, "broker") is { } broker && Text(urls, "realm") is { } realm && Text(urls, "target") is { } target
                ? new StandInUrls(Text(urls, "idp"), broker, realm, target)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonObject urls, string name) =>
        urls[name] is JsonValue value && value.TryGetValue(out string? text) && !string.IsNullOrEmpty(text) ? text : null;
}
