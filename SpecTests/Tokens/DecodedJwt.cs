using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace PbenchAuthSpec.SpecTests.Tokens;

/// <summary>A compact JWS split into header, payload and signature, without any validation (RFC 7515 §7.1).</summary>
public sealed record DecodedJwt(string Raw, JsonObject Header, JsonObject Payload, string SigningInput, byte[] Signature)
{
    public string? Alg => Text(Header, "alg");

    public string? Kid => Text(Header, "kid");

    public static DecodedJwt? TryDecode(string? token, out string error)
    {
        error = "";
        if (string.IsNullOrEmpty(token))
        {
            error = "no token";
            return null;
        }

        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            error = $"not a compact JWS: {parts.Length} dot-separated parts instead of 3";
            return null;
        }

        try
        {
            var header = JsonNode.Parse(Base64UrlEncoder.DecodeBytes(parts[0])) as JsonObject;
            var payload = JsonNode.Parse(Base64UrlEncoder.DecodeBytes(parts[1])) as JsonObject;
            if (header is null || payload is null)
            {
                error = "header or payload is not a JSON object";
                return null;
            }

            return new DecodedJwt(token, header, payload, $"{parts[0]}.{parts[1]}", Base64UrlEncoder.DecodeBytes(parts[2]));
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            error = $"not base64url JSON ({e.Message})";
            return null;
        }
    }

    public string? Claim(string name) => Text(Payload, name);

    public long? NumericClaim(string name) =>
        Payload[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue(out double number) ? (long)number : null;

    /// <summary><c>aud</c> as a list, whether the token carries a string or an array (RFC 7519 §4.1.3).</summary>
    public IReadOnlyList<string> Audiences => Payload["aud"] switch
    {
        JsonArray array => array.Select(a => a is JsonValue v && v.TryGetValue(out string? s) ? s : null).OfType<string>().ToList(),
        JsonValue value when value.TryGetValue(out string? single) => [single],
        _ => [],
    };

    /// <summary>Header and payload for the report, as indented JSON.</summary>
    public string Describe() =>
        $"{Header.ToJsonString(Indented)}\n{Payload.ToJsonString(Indented)}";

    public static string? Text(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
