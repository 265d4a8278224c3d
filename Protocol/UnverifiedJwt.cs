using System.Text.Json.Nodes;

namespace PbenchAuthSpec.Protocol;

/// <summary>
/// A compact JWS split into its parts by <see cref="CompactJwt.ReadUnverified(string?, out string)"/>, nothing
/// checked but its shape (RFC 7515 §7.1): any <c>alg</c>, <c>none</c> and an empty signature
/// included, so a harness can say what is wrong with a token a broken server sends.
/// </summary>
/// <param name="Raw">The token as received.</param>
/// <param name="Header">The JOSE header (RFC 7515 §4).</param>
/// <param name="Payload">The claims set (RFC 7519 §4).</param>
/// <param name="SigningInput">RFC 7515 §5.1: <c>BASE64URL(header) '.' BASE64URL(payload)</c>, as received.</param>
/// <param name="Signature">The decoded signature; empty for an unsecured JWS (RFC 7519 §6).</param>
public sealed record UnverifiedJwt(string Raw, JsonObject Header, JsonObject Payload, string SigningInput, byte[] Signature)
{
    /// <summary>RFC 7515 §4.1.1: the header's <c>alg</c> when it is a string.</summary>
    public string? Alg => Text(Header, "alg");

    /// <summary>A claim when it is a string; null when missing or of another JSON type.</summary>
    public string? Claim(string name) => Text(Payload, name);

    /// <summary>A member of a JSON object when it is a string.</summary>
    public static string? Text(JsonObject obj, string name)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return obj[name] is JsonValue value && value.TryGetValue(out string? text) ? text : null;
    }
}
