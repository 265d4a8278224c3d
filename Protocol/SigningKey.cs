using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace PbenchAuthSpec.Protocol;

/// <summary>
/// An RSA signing key with its <c>kid</c>, built once: the signing credentials, the JWK and the
/// base64 DER public key are computed at construction so no request pays for them.
/// </summary>
public sealed class SigningKey
{
    private SigningKey(RSA rsa, string? kid)
    {
        Rsa = rsa;
        var parameters = rsa.ExportParameters(false);
        Kid = kid ?? Thumbprint(parameters);
        SecurityKey = new RsaSecurityKey(rsa) { KeyId = Kid };
        Credentials = new SigningCredentials(SecurityKey, SecurityAlgorithms.RsaSha256);
        PublicKeyDerBase64 = Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo());
        Jwk = new JsonObject
        {
            ["kid"] = Kid,
            ["kty"] = "RSA",
            ["alg"] = "RS256",
            ["use"] = "sig",
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
    }

    public RSA Rsa { get; }

    public string Kid { get; }

    public RsaSecurityKey SecurityKey { get; }

    public SigningCredentials Credentials { get; }

    /// <summary>SubjectPublicKeyInfo, base64 DER without PEM armour (Keycloak's realm <c>public_key</c>).</summary>
    public string PublicKeyDerBase64 { get; }

    public JsonObject Jwk { get; }

    public static SigningKey FromPemFile(string path, string? kid = null)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(File.ReadAllText(path));
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException or IOException)
        {
            rsa.Dispose();
            throw new InvalidOperationException($"{path}: not a readable RSA private key in PEM ({e.Message}).", e);
        }

        return new SigningKey(rsa, kid);
    }

    /// <summary>A fresh key, for rotation and for the "foreign key" attacks of the invalid-token matrix.</summary>
    public static SigningKey Generate(string? kid = null, int bits = 2048) => new(RSA.Create(bits), kid);

    public static SigningKey FromRsa(RSA rsa, string? kid = null) => new(rsa, kid);

    // RFC 7638: JWK thumbprint, so the kid is stable for a given fixture key.
    private static string Thumbprint(RSAParameters p)
    {
        var canonical = $"{{\"e\":\"{Base64UrlEncoder.Encode(p.Exponent)}\",\"kty\":\"RSA\",\"n\":\"{Base64UrlEncoder.Encode(p.Modulus)}\"}}";
        return Base64UrlEncoder.Encode(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical)));
    }
}
