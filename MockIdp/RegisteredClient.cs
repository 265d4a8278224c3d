using System.Security.Cryptography;
using System.Text;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockIdp;

/// <summary>A fixture client with what each request needs precomputed (secret bytes for a constant-time compare).</summary>
internal sealed class RegisteredClient(IdpClient client)
{
    private readonly byte[] _secret = Encoding.UTF8.GetBytes(client.ClientSecret);

    public string ClientId => client.ClientId;

    public string DisplayName => client.Name ?? client.ClientId;

    public IReadOnlyList<string> RedirectUris => client.RedirectUris;

    // RFC 6749 §10.3 / §2.3.1: compare secrets in constant time.
    public bool SecretMatches(string presented)
    {
        Span<byte> buffer = stackalloc byte[256];
        var length = Encoding.UTF8.GetMaxByteCount(presented.Length);
        var bytes = length <= buffer.Length ? buffer : new byte[length];
        var written = Encoding.UTF8.GetBytes(presented, bytes);
        return CryptographicOperations.FixedTimeEquals(bytes[..written], _secret);
    }

    // RFC 6749 §3.1.2.3 / OIDC Core §3.1.2.1: simple string comparison with a registered URI, no patterns.
    public bool IsRegistered(string redirectUri, StackUrls stack)
    {
        foreach (var template in client.RedirectUris)
        {
            if (string.Equals(stack.Resolve(template), redirectUri, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
