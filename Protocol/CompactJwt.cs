using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PbenchAuthSpec.Protocol;

/// <summary>
/// The one reader of compact JWTs in the stand-ins, <see cref="JsonWebTokenHandler"/>'s: any
/// malformation is a null, never an exception, as every token a server reads comes from a caller.
/// Reading trusts nothing; <see cref="TokenSigner.Verifies"/> decides whether a token is one's own.
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
}
