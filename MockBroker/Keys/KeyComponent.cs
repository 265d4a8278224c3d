using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Keys;

/// <summary>
/// One key provider of a realm (Keycloak's <c>org.keycloak.keys.KeyProvider</c> component):
/// <c>rsa-generated</c> for a key made here, <c>rsa</c> for one imported from a PEM file.
/// Keycloak: services/src/main/java/org/keycloak/keys/AbstractRsaKeyProvider.java (status from
/// <c>enabled</c>/<c>active</c>: ACTIVE signs, PASSIVE only verifies, DISABLED is not published).
/// </summary>
internal sealed class KeyComponent
{
    public KeyComponent(string id, string name, string providerId, long priority, bool enabled, bool active, SigningKey key, string realm, DateTimeOffset now)
    {
        Id = id;
        Name = name;
        ProviderId = providerId;
        Priority = priority;
        Enabled = enabled;
        Active = active;
        Key = key;
        Signer = TokenSigner.Rs256(key);
        Certificate = SelfSigned(key.Rsa, realm, now);
        Jwk = key.Jwk.DeepClone().AsObject();
        // Keycloak's JWKBuilder.rsa: the certificate chain and its SHA-1 and SHA-256 thumbprints.
        Jwk["x5c"] = new JsonArray(JsonValue.Create(Convert.ToBase64String(Certificate)));
#pragma warning disable CA5350 // RFC 7517 §4.8 defines x5t as a SHA-1 thumbprint; it identifies, it does not protect.
        Jwk["x5t"] = System.Buffers.Text.Base64Url.EncodeToString(SHA1.HashData(Certificate));
#pragma warning restore CA5350
        Jwk["x5t#S256"] = System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Certificate));
    }

    public string Id { get; }

    public string Name { get; }

    public string ProviderId { get; }

    public long Priority { get; }

    public bool Enabled { get; }

    public bool Active { get; }

    public SigningKey Key { get; }

    public TokenSigner Signer { get; }

    /// <summary>DER of the self-signed certificate Keycloak makes for each RSA key (CN = realm name).</summary>
    public byte[] Certificate { get; }

    public JsonObject Jwk { get; }

    public string Kid => Key.Kid;

    /// <summary>Keycloak's KeyStatus.</summary>
    public string Status => !Enabled ? "DISABLED" : Active ? "ACTIVE" : "PASSIVE";

    private static byte[] SelfSigned(RSA rsa, string realm, DateTimeOffset now)
    {
        var request = new CertificateRequest($"CN={realm}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));
        return certificate.Export(X509ContentType.Cert);
    }
}
