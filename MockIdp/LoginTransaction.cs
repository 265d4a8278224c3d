namespace PbenchAuthSpec.MockIdp;

/// <summary>
/// One sign-in in progress, between the authorization request and the redirect back to the client.
/// Only its id travels through the browser; the request stays here.
/// </summary>
internal sealed class LoginTransaction(string id, string browserId, AuthorizationRequest request)
{
    private readonly Lock _gate = new();
    private IdpUser? _user;
    private DateTimeOffset _authTime;
    private int _failedLogins;

    public string Id { get; } = id;

    /// <summary>The browser-binding cookie of the browser that started it (CSRF protection for the forms).</summary>
    public string BrowserId { get; } = browserId;

    public AuthorizationRequest Request { get; } = request;

    /// <summary>The authenticated user, once the password (or a session) was accepted; null before.</summary>
    public (IdpUser User, DateTimeOffset AuthTime)? Authenticated
    {
        get
        {
            lock (_gate)
            {
                return _user is null ? null : (_user, _authTime);
            }
        }
    }

    /// <summary>Counts a wrong password; returns how many there have been.</summary>
    public int CountFailedLogin() => Interlocked.Increment(ref _failedLogins);

    public void Authenticate(IdpUser user, DateTimeOffset authTime)
    {
        lock (_gate)
        {
            _user = user;
            _authTime = authTime;
        }
    }
}
