using System.Security.Cryptography;

namespace PbenchAuthSpec.MockBroker.State;

/// <summary>A realm's SSO sessions, by sid and by identity cookie. Bounded; entries expire at the maximum lifespan.</summary>
internal sealed class SessionStore(TimeProvider clock, int capacity = 50_000)
{
    private readonly BoundedStore<string, SsoSession> _bySid = new(clock, capacity);
    private readonly BoundedStore<string, SsoSession> _byCookie = new(clock, capacity);

    public SsoSession Create(Guid userId, string? identityProvider, TimeSpan maxLifespan)
    {
        var now = clock.GetUtcNow();
        var session = new SsoSession(Guid.NewGuid().ToString(), userId, now, RandomToken(), identityProvider);
        _bySid.Set(session.Id, session, now + maxLifespan);
        _byCookie.Set(session.IdentityCookie, session, now + maxLifespan);
        return session;
    }

    public SsoSession? BySid(string? sid) => sid is not null && _bySid.TryGet(sid, out var session) ? session : null;

    public SsoSession? ByIdentityCookie(string? cookie) => cookie is not null && _byCookie.TryGet(cookie, out var session) ? session : null;

    public void End(SsoSession session)
    {
        session.End();
        _bySid.Remove(session.Id);
        _byCookie.Remove(session.IdentityCookie);
    }

    /// <summary>Ends every live session of a user (deleted or disabled by an admin).</summary>
    public void EndAllOf(Guid userId)
    {
        foreach (var session in _bySid.LiveValues().Where(s => s.UserId == userId))
        {
            End(session);
        }
    }

    public IReadOnlyList<SsoSession> Live() => _bySid.LiveValues();

    public static string RandomToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
