using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace PbenchAuthSpec.MockBroker.Tokens;

/// <summary>Builds <c>header.payload.signature</c> in one pooled buffer (RFC 7515 §7.1).</summary>
internal static class JwsAssembler
{
    public delegate bool SignInto(ReadOnlySpan<byte> signingInput, Span<byte> signature);

    public static string Assemble(byte[] encodedHeader, ReadOnlySpan<byte> payloadJson, int signatureBytes, SignInto sign)
    {
        var payloadLength = Base64Url.GetEncodedLength(payloadJson.Length);
        var signatureLength = Base64Url.GetEncodedLength(signatureBytes);
        var inputLength = encodedHeader.Length + 1 + payloadLength;
        var buffer = ArrayPool<byte>.Shared.Rent(inputLength + 1 + signatureLength);
        var signature = ArrayPool<byte>.Shared.Rent(signatureBytes);
        try
        {
            encodedHeader.CopyTo(buffer, 0);
            buffer[encodedHeader.Length] = (byte)'.';
            Base64Url.EncodeToUtf8(payloadJson, buffer.AsSpan(encodedHeader.Length + 1), out _, out _);
            if (!sign(buffer.AsSpan(0, inputLength), signature.AsSpan(0, signatureBytes)))
            {
                throw new InvalidOperationException("signing failed: signature buffer too small.");
            }

            buffer[inputLength] = (byte)'.';
            Base64Url.EncodeToUtf8(signature.AsSpan(0, signatureBytes), buffer.AsSpan(inputLength + 1), out _, out _);
            return Encoding.ASCII.GetString(buffer, 0, inputLength + 1 + signatureLength);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            ArrayPool<byte>.Shared.Return(signature);
        }
    }
}
