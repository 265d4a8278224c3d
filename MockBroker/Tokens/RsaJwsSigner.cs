using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Tokens;

/// <summary>
/// RS256 compact JWS (RFC 7515 §7.1) with a header encoded once per key, so issuing a token is
/// one JSON write, one RSA signature and two base64url passes: no per-request key work.
/// </summary>
internal sealed class RsaJwsSigner
{
    private readonly byte[] _header;
    private readonly RSA _rsa;
    private readonly int _signatureBytes;

    public RsaJwsSigner(SigningKey key, string typ = "JWT")
    {
        Key = key;
        _rsa = key.Rsa;
        _signatureBytes = key.Rsa.KeySize / 8;
        // Keycloak's header: {"alg":"RS256","typ":"JWT","kid":"..."}.
        _header = EncodeHeader($"{{\"alg\":\"RS256\",\"typ\":\"{typ}\",\"kid\":\"{key.Kid}\"}}");
    }

    public SigningKey Key { get; }

    public string Sign(ReadOnlySpan<byte> payloadJson) =>
        JwsAssembler.Assemble(_header, payloadJson, _signatureBytes, (input, signature) => _rsa.TrySignData(input, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, out _));

    internal static byte[] EncodeHeader(string json) => Encoding.ASCII.GetBytes(Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json)));
}
