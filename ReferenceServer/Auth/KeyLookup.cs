using Microsoft.IdentityModel.Tokens;

namespace PbenchAuthSpec.ReferenceServer.Auth;

/// <summary>The broker keys that may have signed a token, or why there are none.</summary>
internal sealed record KeyLookup(IReadOnlyList<RsaSecurityKey> Keys, string? Problem, bool BrokerUnavailable)
{
    public static KeyLookup Found(IReadOnlyList<RsaSecurityKey> keys) => new(keys, null, false);

    public static KeyLookup Unknown(string problem) => new([], problem, false);

    public static KeyLookup Unavailable(string problem) => new([], problem, true);
}
