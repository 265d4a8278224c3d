using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace PbenchAuthSpec.SpecTests.Tokens;

/// <summary>
/// Builds compact JWS by hand so the invalid-token matrix can say exactly what it sends (a
/// library would refuse <c>alg: none</c> or add claims of its own).
/// </summary>
public static class JwsSigner
{
    public static string Rs256(JsonObject payload, RSA key, string? kid) =>
        Sign(Header("RS256", kid), payload, input => key.SignData(DecodedJwt.Utf8(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    public static string Hs256(JsonObject payload, byte[] secret, string? kid) =>
        Sign(Header("HS256", kid), payload, input => HMACSHA256.HashData(secret, DecodedJwt.Utf8(input)));

    /// <summary>RFC 7519 §6: an Unsecured JWS, header <c>alg: none</c>, empty signature.</summary>
    public static string Unsecured(JsonObject payload, string? kid) => Sign(Header("none", kid), payload, _ => []);

    /// <summary>The token's payload replaced, its signature kept (tampering after signing).</summary>
    public static string ReplacePayload(DecodedJwt token, JsonObject payload)
    {
        ArgumentNullException.ThrowIfNull(token);
        var parts = token.Raw.Split('.');
        return $"{parts[0]}.{Encode(payload)}.{parts[2]}";
    }

    private static JsonObject Header(string alg, string? kid)
    {
        var header = new JsonObject { ["alg"] = alg, ["typ"] = "JWT" };
        if (kid is not null)
        {
            header["kid"] = kid;
        }

        return header;
    }

    private static string Sign(JsonObject header, JsonObject payload, Func<string, byte[]> sign)
    {
        var input = $"{Encode(header)}.{Encode(payload)}";
        return $"{input}.{Base64UrlEncoder.Encode(sign(input))}";
    }

    private static string Encode(JsonObject obj) => Base64UrlEncoder.Encode(obj.ToJsonString());
}
