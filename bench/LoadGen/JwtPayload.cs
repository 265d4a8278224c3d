using System.Text;
using System.Text.Json;

namespace PbenchAuthSpec.LoadGen;

/// <summary>Reads a JWT's header or payload without verifying it (the servers' tests verify).</summary>
public static class JwtPayload
{
    public static JsonElement Read(string jwt, int part = 1)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            throw new FormatException("not a compact JWS (expected three dot-separated parts).");
        }

        var text = parts[part].Replace('-', '+').Replace('_', '/');
        text = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(text)));
        return document.RootElement.Clone();
    }

    public static string? Claim(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
