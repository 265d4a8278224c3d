using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockIdp;

/// <summary>
/// RS256 JWS compact serialization (RFC 7515 §7.1) with the fixture key. Headers are encoded once;
/// each token costs one serialization and one RSA signature, nothing else.
/// </summary>
internal sealed class JwtSigner
{
    public const int MaxTokenLength = 8192;

    private readonly RSA _rsa;

    public JwtSigner(SigningKey key)
    {
        _rsa = key.Rsa;
        IdTokenHeader = EncodeHeader(key.Kid, "JWT");
        AccessTokenHeader = EncodeHeader(key.Kid, "at+jwt");
    }

    /// <summary>OIDC Core §2: the ID token is a JWS; <c>typ</c> JWT.</summary>
    public string IdTokenHeader { get; }

    /// <summary>RFC 9068 §2.1: JWT access tokens carry <c>typ: at+jwt</c>.</summary>
    public string AccessTokenHeader { get; }

    public string Sign(string encodedHeader, byte[] payloadJson)
    {
        var signingInput = string.Concat(encodedHeader, ".", Base64Url.EncodeToString(payloadJson));
        var input = ArrayPool<byte>.Shared.Rent(signingInput.Length);
        try
        {
            var length = Encoding.ASCII.GetBytes(signingInput, input);
            Span<byte> signature = stackalloc byte[512];
            if (!_rsa.TrySignData(input.AsSpan(0, length), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, out var written))
            {
                throw new CryptographicException("the RS256 signature did not fit its buffer.");
            }

            return string.Concat(signingInput, ".", Base64Url.EncodeToString(signature[..written]));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
        }
    }

    /// <summary>The payload of one of this server's own tokens with the given header, or null when it is not one.</summary>
    public byte[]? Verify(string token, string expectedHeader)
    {
        if (token.Length > MaxTokenLength || !token.StartsWith(expectedHeader + ".", StringComparison.Ordinal))
        {
            return null;
        }

        var lastDot = token.LastIndexOf('.');
        if (lastDot <= expectedHeader.Length)
        {
            return null;
        }

        var payloadPart = token.AsSpan(expectedHeader.Length + 1, lastDot - expectedHeader.Length - 1);
        var signaturePart = token.AsSpan(lastDot + 1);
        if (!Base64Url.IsValid(payloadPart) || !Base64Url.IsValid(signaturePart))
        {
            return null;
        }

        var signature = Base64Url.DecodeFromChars(signaturePart);
        var input = Encoding.ASCII.GetBytes(token, 0, lastDot);
        return _rsa.VerifyData(input, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            ? Base64Url.DecodeFromChars(payloadPart)
            : null;
    }

    /// <summary>OIDC Core §3.1.3.6: at_hash is the base64url of the left half of SHA-256 of the access token.</summary>
    public static string AccessTokenHash(string accessToken)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.ASCII.GetBytes(accessToken), hash);
        return Base64Url.EncodeToString(hash[..16]);
    }

    private static string EncodeHeader(string kid, string typ)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("alg", "RS256");
            writer.WriteString("kid", kid);
            writer.WriteString("typ", typ);
            writer.WriteEndObject();
        }

        return Base64Url.EncodeToString(buffer.ToArray());
    }
}
