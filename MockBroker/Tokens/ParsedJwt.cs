using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Tokens;

/// <summary>A token read by <see cref="CompactJwt"/> with its payload as JSON, for the claim checks Keycloak makes.</summary>
internal sealed record ParsedJwt(JsonWebToken Token, JsonElement Payload)
{
    public ParsedJwt(JsonWebToken token)
        : this(token, CompactJwt.Payload(token))
    {
    }

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
