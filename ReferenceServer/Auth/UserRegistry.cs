using System.Collections.Concurrent;

namespace PbenchAuthSpec.ReferenceServer.Auth;

/// <summary>
/// The users the server knows: seeded usernames, then every token user, bound to the token's
/// <c>sub</c> on first sight. Pbench refuses a username already known under a different
/// <c>sub</c> (another person, or the same name from another issuer) with 401.
/// </summary>
internal sealed class UserRegistry(IEnumerable<string> seededUsernames)
{
    private readonly HashSet<string> _seeded = new(seededUsernames, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _subjects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PbenchUser> _latest = new(StringComparer.Ordinal);

    public bool IsKnown(string username) => _seeded.Contains(username) || _subjects.ContainsKey(username);

    /// <summary>False when the username is already bound to another subject.</summary>
    public bool TryBind(PbenchUser user)
    {
        var bound = _subjects.GetOrAdd(user.Username, user.Subject);
        if (!string.Equals(bound, user.Subject, StringComparison.Ordinal))
        {
            return false;
        }

        _latest[user.Username] = user;
        return true;
    }

    /// <summary>The user as last seen in a token; API keys act with these roles.</summary>
    public PbenchUser? Latest(string username) => _latest.GetValueOrDefault(username);
}
