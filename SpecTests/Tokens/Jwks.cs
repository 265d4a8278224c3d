using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace PbenchAuthSpec.SpecTests.Tokens;

/// <summary>A JSON Web Key Set (RFC 7517 §5) with signature verification by <c>kid</c> (RS256 for the broker's tokens, any asymmetric algorithm for the IdP's).</summary>
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

    /// <summary>
    /// RFC 7515 §5.2 with any asymmetric algorithm of RFC 7518 §3.1 (RS*, PS*, ES*): the signature
    /// verifies under the key the <c>kid</c> names (the only key, when the token names none), and the
    /// key's type (and its <c>alg</c>, when the JWK states one) fits the header's algorithm. An upstream
    /// IdP may sign with any algorithm it registered (OIDC Core §3.1.3.7 (6)); <c>none</c> and HMAC never verify.
    /// </summary>
    public bool Verifies(DecodedJwt jwt, out string why)
    {
        ArgumentNullException.ThrowIfNull(jwt);
        var alg = jwt.Alg ?? "";
        var hash = alg.Length == 5 ? alg[2..] switch { "256" => HashAlgorithmName.SHA256, "384" => HashAlgorithmName.SHA384, "512" => HashAlgorithmName.SHA512, _ => default } : default;
        var family = alg.Length == 5 ? alg[..2] : "";
        if (hash == default || family is not ("RS" or "PS" or "ES"))
        {
            why = $"alg is {(alg.Length == 0 ? "missing" : alg)}, not an asymmetric JWS algorithm (RS*, PS*, ES*)";
            return false;
        }

        var jwk = jwt.Kid is null && Keys.Count == 1 ? Keys[0] : ByKid(jwt.Kid);
        if (jwk is null || (DecodedJwt.Text(jwk, "alg") is { } keyAlg && keyAlg != alg))
        {
            why = jwk is null ? $"kid {jwt.Kid ?? "(none)"} is not in the JWKS (kids: {string.Join(", ", Kids)})" : $"the key {jwt.Kid} is for {DecodedJwt.Text(jwk, "alg")}, the token says {alg}";
            return false;
        }

        var data = DecodedJwt.Utf8(jwt.SigningInput);
        var ok = family switch
        {
            "ES" => VerifyEc(jwk, data, jwt.Signature, hash),
            _ => VerifyRsa(jwk, data, jwt.Signature, hash, family == "PS" ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1),
        };
        why = ok is null ? $"the key {jwt.Kid} is not a {(family == "ES" ? "EC" : "RSA")} key, as {alg} needs"
            : ok.Value ? $"verified ({alg}) with kid {jwt.Kid}" : $"{alg} signature does not verify with kid {jwt.Kid}";
        return ok == true;
    }

    private static bool? VerifyRsa(JsonObject jwk, byte[] data, byte[] signature, HashAlgorithmName hash, RSASignaturePadding padding)
    {
        using var rsa = Rsa(jwk);
        return rsa?.VerifyData(data, signature, hash, padding);
    }

    private static bool? VerifyEc(JsonObject jwk, byte[] data, byte[] signature, HashAlgorithmName hash)
    {
        var curve = DecodedJwt.Text(jwk, "crv") switch
        {
            "P-256" => ECCurve.NamedCurves.nistP256,
            "P-384" => ECCurve.NamedCurves.nistP384,
            "P-521" => ECCurve.NamedCurves.nistP521,
            _ => (ECCurve?)null,
        };
        if (DecodedJwt.Text(jwk, "kty") != "EC" || curve is null || DecodedJwt.Text(jwk, "x") is not { } x || DecodedJwt.Text(jwk, "y") is not { } y)
        {
            return null;
        }

        try
        {
            using var ec = ECDsa.Create(new ECParameters { Curve = curve.Value, Q = new ECPoint { X = Base64UrlEncoder.DecodeBytes(x), Y = Base64UrlEncoder.DecodeBytes(y) } });
            // RFC 7518 §3.4: the JWS signature is R || S, .NET's IEEE P1363 format.
            return ec.VerifyData(data, signature, hash);
        }
        catch (CryptographicException)
        {
            return false;
        }
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
            var modulus = realm.ExportParameters(false).Modulus;
            return Keys.Any(k => DecodedJwt.Text(k, "n") is { } n && Base64UrlEncoder.DecodeBytes(n).AsSpan().SequenceEqual(modulus));
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return false;
        }
    }
}
