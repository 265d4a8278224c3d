using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PbenchAuthSpec.Protocol;

/// <summary>
/// The project's one reader of compact JWTs. <see cref="Read"/> is the stand-ins':
/// <see cref="JsonWebTokenHandler"/>'s reading, any malformation a null, never an exception, as
/// every token a server reads comes from a caller; <see cref="TokenSigner.VerifiesAsync"/> decides
/// whether a token is one's own. <see cref="ReadUnverified(string?, out string)"/> is the harness's and the tests':
/// lenient (<c>alg: none</c>, empty signatures, any size), and it says what is wrong.
/// </summary>
public static class CompactJwt
{
    /// <summary>Longer tokens are refused unread (a cap against abuse; Keycloak's are a few kB).</summary>
    public const int MaxLength = 16 * 1024;

    private static readonly JsonWebTokenHandler Handler = new();

    /// <summary>RFC 7515 §7.1: a JWS of three base64url parts whose header and payload are JSON objects; null otherwise.</summary>
    public static JsonWebToken? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxLength || !Handler.CanReadToken(token))
        {
            return null;
        }

        try
        {
            var jwt = Handler.ReadJsonWebToken(token);
            // RFC 7515 §7.1: a JWS has a signature part; a JWE (five parts) is not one of ours.
            return jwt.IsEncrypted || jwt.EncodedSignature.Length == 0 || SignatureBytes(jwt) is null ? null : jwt;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>The payload as JSON (RFC 7519 §7.2 step 9: a JSON object).</summary>
    public static JsonElement Payload(JsonWebToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        using var document = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(token.EncodedPayload));
        return document.RootElement.Clone();
    }

    /// <summary>The payload's bytes (UTF-8 JSON).</summary>
    public static byte[] PayloadBytes(JsonWebToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Base64UrlEncoder.DecodeBytes(token.EncodedPayload);
    }

    internal static byte[]? SignatureBytes(JsonWebToken token)
    {
        try
        {
            return Base64UrlEncoder.DecodeBytes(token.EncodedSignature);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// RFC 7515 §7.1: the parts of a compact JWS without checking anything but its shape, or null
    /// with <paramref name="error"/> saying in one phrase what is malformed.
    /// </summary>
    public static UnverifiedJwt? ReadUnverified(string? token, out string error)
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
            // RFC 7516 §9: five parts would be a JWE, which the harness does not decrypt either.
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

            return new UnverifiedJwt(token, header, payload, $"{parts[0]}.{parts[1]}", Base64UrlEncoder.DecodeBytes(parts[2]));
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            error = $"not base64url JSON ({e.Message})";
            return null;
        }
    }

    /// <summary><see cref="ReadUnverified(string?, out string)"/> for tools and tests that only read well-formed tokens: malformed ones throw.</summary>
    public static UnverifiedJwt ReadUnverified(string token) =>
        ReadUnverified(token, out var error) ?? throw new FormatException($"not a readable JWT: {error}");
}
