using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Tests.Support;

/// <summary>Reads a compact JWS through <see cref="CompactJwt.ReadUnverified(string?, out string)"/> without checking it (tests check signatures separately).</summary>
internal static class Jwt
{
    public static JsonObject Header(string token) => CompactJwt.ReadUnverified(token).Header;

    public static JsonObject Payload(string token) => CompactJwt.ReadUnverified(token).Payload;

    public static long Number(JsonObject claims, string name) => claims[name]!.GetValue<long>();

    public static string Text(JsonObject claims, string name) => claims[name]!.GetValue<string>();

    /// <summary>RFC 7515 §5.2 for RS256, by hand with the key's RSA: whether the token's signature verifies.</summary>
    public static bool VerifiesRs256(string token, RSA key)
    {
        var jwt = CompactJwt.ReadUnverified(token);
        return key.VerifyData(Encoding.ASCII.GetBytes(jwt.SigningInput), jwt.Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }
}
