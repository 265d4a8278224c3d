using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PbenchAuthSpec.ReferenceServer.Api;

/// <summary>
/// The server settings an admin may change (<c>PUT /api/v1/server/settings/{key}</c>), each with
/// its value check. <c>server-state</c> is left out on purpose: disabling the reference target
/// would break the walk that depends on it.
/// </summary>
internal static class ServerSetting
{
    public const string DatasetLifetime = "dataset-lifetime";
    public const string ServerBanner = "server-banner";

    public static readonly IReadOnlyList<string> Names = [DatasetLifetime, ServerBanner];

    /// <summary>The normalised value, or why it is not acceptable.</summary>
    public static (JsonNode? Value, string? Error) Check(string name, JsonNode? value) => name switch
    {
        DatasetLifetime => Lifetime(value),
        ServerBanner => value is JsonObject banner && banner["message"]?.GetValueKind() == JsonValueKind.String
            ? (banner, null)
            : (null, "'server-banner' must be a JSON object with a string 'message'"),
        _ => (null, $"Unrecognized server setting '{ApiRequest.Trim(name)}' (known: {string.Join(", ", Names)})"),
    };

    // Pbench stores the maximum dataset lifetime in days, as a decimal string.
    private static (JsonNode? Value, string? Error) Lifetime(JsonNode? value)
    {
        var text = value?.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.ToJsonString(),
            _ => null,
        };
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is > 0 and <= 36500
            ? (JsonValue.Create(days.ToString(CultureInfo.InvariantCulture)), null)
            : (null, "'dataset-lifetime' must be a whole number of days from 1 to 36500");
    }
}
