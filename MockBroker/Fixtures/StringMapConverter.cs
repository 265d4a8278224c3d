using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PbenchAuthSpec.MockBroker.Fixtures;

/// <summary>
/// Keycloak's <c>config</c> maps (<c>Map&lt;String, String&gt;</c>): written as strings; read from
/// strings, booleans and numbers alike, as Keycloak's JSON reader coerces them (a hand-written
/// fixture may say <c>"pkceEnabled": true</c>). Anything else is a clear error naming the key.
/// </summary>
public sealed class StringMapConverter : JsonConverter<Dictionary<string, string>>
{
    public override Dictionary<string, string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("config must be a JSON object of strings");
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            reader.Read();
            map[key] = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString()!,
                JsonTokenType.True => "true",
                JsonTokenType.False => "false",
                JsonTokenType.Number => reader.GetDecimal().ToString(CultureInfo.InvariantCulture),
                JsonTokenType.Null => "",
                _ => throw new JsonException($"config.{key} must be a string, a boolean or a number"),
            };
        }

        return map;
    }

    public override void Write(Utf8JsonWriter writer, Dictionary<string, string> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        foreach (var (key, text) in value.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteString(key, text);
        }

        writer.WriteEndObject();
    }
}
