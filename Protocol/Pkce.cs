using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace PbenchAuthSpec.Protocol;

/// <summary>
/// RFC 7636 Proof Key for Code Exchange, written once for MockIdp, MockBroker (as server and as
/// the client of an upstream IdP) and the harness's checks. What a server answers when a rule
/// fails is the server's own (Keycloak's wording in MockBroker, MockIdp's own in MockIdp).
/// </summary>
public static class Pkce
{
    public const string S256Method = "S256";
    public const string PlainMethod = "plain";

    /// <summary>RFC 7636 §4.2: BASE64URL of SHA-256's 32 bytes is 43 characters.</summary>
    public const int S256ChallengeLength = 43;

    // RFC 7636 §4.1 (code_verifier) and §4.2 (code_challenge): 43 to 128 characters of
    // [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~".
    public static bool IsWellFormed(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
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

    // RFC 7636 §4.2: an S256 challenge is the base64url (no padding) of a SHA-256 hash: exactly 43
    // characters of the base64url alphabet. Keycloak (PkceUtils) refuses any other S256 challenge.
    public static bool IsS256Shaped(string challenge)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        return challenge.Length == S256ChallengeLength && challenge.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
    }

    /// <summary>RFC 7636 §4.2: S256's challenge, BASE64URL-ENCODE(SHA256(ASCII(code_verifier))).</summary>
    public static string S256(string verifier)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        return Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
    }

    /// <summary>RFC 7636 §4.2: the challenge a verifier gives under a method (S256, or plain: the verifier itself).</summary>
    public static string Challenge(string verifier, string? method) => method == S256Method ? S256(verifier) : verifier;

    // RFC 7636 §4.6: the server recomputes the challenge from the verifier and compares; in fixed
    // time, as the challenge is what an attacker holding the code would need to guess.
    public static bool Verifies(string verifier, string challenge, string? method)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Challenge(verifier, method)), Encoding.UTF8.GetBytes(challenge));
    }
}
