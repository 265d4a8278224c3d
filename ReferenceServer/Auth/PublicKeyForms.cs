using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace PbenchAuthSpec.ReferenceServer.Auth;

/// <summary>
/// The byte strings a server that confuses algorithms would use as an HMAC secret: the public key
/// as Keycloak's realm <c>public_key</c> text (base64 DER), as DER bytes, and as PEM text.
/// </summary>
internal static class PublicKeyForms
{
    public static IEnumerable<byte[]> Secrets(RsaSecurityKey key)
    {
        using var rsa = RSA.Create(key.Parameters);
        var der = rsa.ExportSubjectPublicKeyInfo();
        var pem = PemEncoding.WriteString("PUBLIC KEY", der);
        yield return Encoding.ASCII.GetBytes(Convert.ToBase64String(der));
        yield return der;
        yield return Encoding.ASCII.GetBytes(pem);
        yield return Encoding.ASCII.GetBytes(pem + "\n");
    }
}
