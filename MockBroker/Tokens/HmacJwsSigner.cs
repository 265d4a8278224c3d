using System.Security.Cryptography;

namespace PbenchAuthSpec.MockBroker.Tokens;

/// <summary>
/// HS512 compact JWS with a realm-internal secret: how Keycloak signs refresh tokens, which only
/// the realm itself ever reads. The secret is made at start and never leaves the process.
/// </summary>
internal sealed class HmacJwsSigner
{
    private readonly byte[] _header;
    private readonly byte[] _secret;

    public HmacJwsSigner()
    {
        _secret = RandomNumberGenerator.GetBytes(64);
        Kid = Guid.NewGuid().ToString();
        _header = RsaJwsSigner.EncodeHeader($"{{\"alg\":\"HS512\",\"typ\":\"JWT\",\"kid\":\"{Kid}\"}}");
    }

    public string Kid { get; }

    public string Sign(ReadOnlySpan<byte> payloadJson) =>
        JwsAssembler.Assemble(_header, payloadJson, HMACSHA512.HashSizeInBytes, (input, signature) => HMACSHA512.TryHashData(_secret, input, signature, out _));

    public bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        Span<byte> expected = stackalloc byte[HMACSHA512.HashSizeInBytes];
        HMACSHA512.HashData(_secret, signingInput, expected);
        return CryptographicOperations.FixedTimeEquals(expected, signature);
    }
}
