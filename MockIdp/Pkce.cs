using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace PbenchAuthSpec.MockIdp;

/// <summary>RFC 7636 Proof Key for Code Exchange.</summary>
internal static class Pkce
{
    // RFC 7636 §4.1/§4.2: 43 to 128 characters of [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~".
    public static bool IsWellFormed(string value)
    {
        if (value.Length is < 43 or > 128)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~'))
            {
                return false;
            }
        }

        return true;
    }

    // RFC 7636 §4.6: S256 compares BASE64URL(SHA256(ASCII(verifier))) with the challenge; plain compares them as they are.
    public static bool Verifies(string verifier, string challenge, string method)
    {
        var expected = method == "S256"
            ? Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)))
            : verifier;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(challenge));
    }
}
