using System.Security.Cryptography;
using System.Text;

namespace PbenchAuthSpec.MockBroker;

/// <summary>
/// The ids MockBroker gives users it imports on a first brokered login: an RFC 9562 §5.5 name-based
/// (SHA-1, version 5) UUID of <c>{realm}/{alias}/{idp subject}</c> in the URL namespace, so the id of
/// an imported user is the same after a broker restart and can be computed by a test.
/// </summary>
public static class ImportedUserIds
{
    private static readonly Guid UrlNamespace = new("6ba7b811-9dad-11d1-80b4-00c04fd430c8");

    public static Guid For(string realm, string alias, string idpSubject) => NameBased($"{realm}/{alias}/{idpSubject}");

    internal static Guid NameBased(string name)
    {
        var namespaceBytes = UrlNamespace.ToByteArray(bigEndian: true);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        // RFC 9562 §5.5 defines version 5 with SHA-1; it names users here, it protects nothing.
#pragma warning disable CA5350
        var hash = SHA1.HashData([.. namespaceBytes, .. nameBytes]);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
