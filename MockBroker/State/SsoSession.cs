namespace PbenchAuthSpec.MockBroker.State;

/// <summary>
/// A user's SSO session in a realm (Keycloak's user session): its id is the tokens' <c>sid</c>
/// and the <c>session_state</c>. Idle and maximum lifetimes come from the realm.
/// </summary>
internal sealed class SsoSession
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _currentRefresh = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _clientNotBefore = new(StringComparer.Ordinal);
    private readonly HashSet<string> _clients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _clientNonce = new(StringComparer.Ordinal);
    private DateTimeOffset _lastActivity;
    private bool _ended;

    public SsoSession(string id, Guid userId, DateTimeOffset now, string identityCookie, string? identityProvider)
    {
        Id = id;
        UserId = userId;
        Started = now;
        AuthTime = now;
        _lastActivity = now;
        IdentityCookie = identityCookie;
        IdentityProvider = identityProvider;
    }

    public string Id { get; }

    public Guid UserId { get; }

    public DateTimeOffset Started { get; }

    public DateTimeOffset AuthTime { get; }

    /// <summary>The secret value of the HttpOnly <c>KEYCLOAK_IDENTITY</c> cookie (not the sid, which tokens reveal).</summary>
    public string IdentityCookie { get; }

    public string? IdentityProvider { get; }

    public bool IsActive(DateTimeOffset now, TimeSpan idle, TimeSpan max)
    {
        lock (_gate)
        {
            return !_ended && now < _lastActivity + idle && now < Started + max;
        }
    }

    /// <summary>When refresh tokens issued now stop working: the idle limit, capped by the maximum lifespan.</summary>
    public DateTimeOffset RefreshExpiry(DateTimeOffset now, TimeSpan idle, TimeSpan max)
    {
        var idleEnd = now + idle;
        var maxEnd = Started + max;
        return idleEnd < maxEnd ? idleEnd : maxEnd;
    }

    public void Touch(DateTimeOffset now)
    {
        lock (_gate)
        {
            _lastActivity = now;
        }
    }

    public void End()
    {
        lock (_gate)
        {
            _ended = true;
        }
    }

    /// <summary>Keycloak's client session: the client got tokens from this session.</summary>
    public void AttachClient(string clientId)
    {
        lock (_gate)
        {
            _clients.Add(clientId);
        }
    }

    /// <summary>Keycloak's TokenManager.dettachClientSession; the number of clients left.</summary>
    public int DetachClient(string clientId)
    {
        lock (_gate)
        {
            _clients.Remove(clientId);
            _currentRefresh.Remove(clientId);
            _clientNonce.Remove(clientId);
            return _clients.Count;
        }
    }

    public bool HasClient(string clientId)
    {
        lock (_gate)
        {
            return _clients.Contains(clientId);
        }
    }

    public IReadOnlyList<string> Clients()
    {
        lock (_gate)
        {
            return [.. _clients];
        }
    }

    /// <summary>Keycloak's "Revoke Refresh Token": remembers the one refresh token of a client that may be used next.</summary>
    public void SetCurrentRefresh(string clientId, string jti)
    {
        lock (_gate)
        {
            _currentRefresh[clientId] = jti;
        }
    }

    public bool IsCurrentRefresh(string clientId, string jti)
    {
        lock (_gate)
        {
            return _currentRefresh.TryGetValue(clientId, out var current) && current == jti;
        }
    }

    /// <summary>Keycloak's client-session note <c>nonce</c>: the last code exchange's, which a refresh carries on where the realm's line puts it.</summary>
    public void SetClientNonce(string clientId, string? nonce)
    {
        lock (_gate)
        {
            _clientNonce[clientId] = nonce;
        }
    }

    public string? ClientNonce(string clientId)
    {
        lock (_gate)
        {
            return _clientNonce.GetValueOrDefault(clientId);
        }
    }

    /// <summary>RFC 6749 §4.1.2: tokens a client got before this instant (unix seconds) are revoked.</summary>
    public void RevokeClientTokens(string clientId, long notBefore)
    {
        lock (_gate)
        {
            _clientNotBefore[clientId] = notBefore;
        }
    }

    public bool IssuedBeforeRevocation(string clientId, long issuedAt)
    {
        lock (_gate)
        {
            return _clientNotBefore.TryGetValue(clientId, out var notBefore) && issuedAt <= notBefore;
        }
    }
}
