using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.SpecTests.Tokens;

/// <summary>A compact JWS split into header, payload and signature by <see cref="CompactJwt.ReadUnverified(string?, out string)"/>, without any validation (RFC 7515 §7.1).</summary>
public sealed record DecodedJwt(string Raw, JsonObject Header, JsonObject Payload, string SigningInput, byte[] Signature)
{
    public string? Alg => Text(Header, "alg");

    public string? Kid => Text(Header, "kid");

    /// <summary>The token's parts, or null with <paramref name="error"/> saying what is malformed (it goes into the report).</summary>
    public static DecodedJwt? TryDecode(string? token, out string error) =>
        CompactJwt.ReadUnverified(token, out error) is { } jwt ? new DecodedJwt(jwt.Raw, jwt.Header, jwt.Payload, jwt.SigningInput, jwt.Signature) : null;

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

    public static string? Text(JsonObject obj, string name) => UnverifiedJwt.Text(obj, name);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
