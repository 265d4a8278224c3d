using System.Text.Json;

namespace PbenchAuthSpec.MockBroker.Tokens;

/// <summary>A compact JWS split and decoded, not yet trusted: the signature is checked by the caller.</summary>
internal sealed record ParsedJwt(string Alg, string? Kid, JsonElement Payload, byte[] SigningInput, byte[] Signature)
{
    public string? String(string claim) =>
        Payload.TryGetProperty(claim, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public long? Number(string claim) =>
        Payload.TryGetProperty(claim, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : null;

    /// <summary>RFC 7519 §4.1.3: <c>aud</c> is a string or an array of strings.</summary>
    public IReadOnlyList<string> Audiences() =>
        !Payload.TryGetProperty("aud", out var aud) ? []
        : aud.ValueKind == JsonValueKind.String ? [aud.GetString()!]
        : aud.ValueKind == JsonValueKind.Array ? aud.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!).ToList()
        : [];
}
