using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace PbenchAuthSpec.SpecTests.Tokens;

/// <summary>A JSON Web Key Set (RFC 7517 §5) with RS256 verification by <c>kid</c>.</summary>
public sealed class Jwks
{
    private Jwks(IReadOnlyList<JsonObject> keys) => Keys = keys;

    public IReadOnlyList<JsonObject> Keys { get; }

    public IEnumerable<string> Kids => Keys.Select(k => DecodedJwt.Text(k, "kid")).OfType<string>();

    public static Jwks Parse(string? json)
    {
        try
        {
            var keys = (JsonNode.Parse(json ?? "") as JsonObject)?["keys"] as JsonArray;
            return new Jwks(keys?.OfType<JsonObject>().ToList() ?? []);
        }
        catch (JsonException)
        {
            return new Jwks([]);
        }
    }

    public JsonObject? ByKid(string? kid) => kid is null ? null : Keys.FirstOrDefault(k => DecodedJwt.Text(k, "kid") == kid);

    public static RSA? Rsa(JsonObject? jwk)
    {
        if (jwk is null || DecodedJwt.Text(jwk, "kty") != "RSA" || DecodedJwt.Text(jwk, "n") is not { } n || DecodedJwt.Text(jwk, "e") is not { } e)
        {
            return null;
        }

        var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Modulus = Base64UrlEncoder.DecodeBytes(n), Exponent = Base64UrlEncoder.DecodeBytes(e) });
        return rsa;
    }

    /// <summary>RFC 7515 §5.2 with RFC 7518 §3.3: the RS256 signature verifies under the key the <c>kid</c> names.</summary>
    public bool VerifiesRs256(DecodedJwt jwt, out string why)
    {
        ArgumentNullException.ThrowIfNull(jwt);
        if (jwt.Alg != "RS256")
        {
            why = $"alg is {jwt.Alg ?? "missing"}";
            return false;
        }

        using var rsa = Rsa(ByKid(jwt.Kid));
        if (rsa is null)
        {
            why = $"kid {jwt.Kid ?? "(none)"} is not an RSA key of the JWKS (kids: {string.Join(", ", Kids)})";
            return false;
        }

        var ok = rsa.VerifyData(DecodedJwt.Utf8(jwt.SigningInput), jwt.Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        why = ok ? $"verified with kid {jwt.Kid}" : $"signature does not verify with kid {jwt.Kid}";
        return ok;
    }

    /// <summary>Whether a base64 DER SubjectPublicKeyInfo (Keycloak's realm <c>public_key</c>) is one of the keys.</summary>
    public bool ContainsPublicKey(string? derBase64)
    {
        if (string.IsNullOrEmpty(derBase64))
        {
            return false;
        }

        try
        {
            using var realm = RSA.Create();
            realm.ImportSubjectPublicKeyInfo(Convert.FromBase64String(derBase64), out _);
            var modulus = realm.ExportParameters(false).Modulus!;
            return Keys.Any(k => DecodedJwt.Text(k, "n") is { } n && Base64UrlEncoder.DecodeBytes(n).AsSpan().SequenceEqual(modulus));
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return false;
        }
    }
}
