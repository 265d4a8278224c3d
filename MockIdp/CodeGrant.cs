namespace PbenchAuthSpec.MockIdp;

/// <summary>What an authorization code stands for (RFC 6749 §4.1.2): kept until it falls due, used at most once.</summary>
internal sealed class CodeGrant(AuthorizationRequest request, IdpUser user, DateTimeOffset authTime, DateTimeOffset expiresAt)
{
    private readonly Lock _gate = new();
    private int _redeemed;
    private (string Jti, DateTimeOffset ExpiresAt)? _issued;

    public AuthorizationRequest Request { get; } = request;

    public IdpUser User { get; } = user;

    public DateTimeOffset AuthTime { get; } = authTime;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    /// <summary>True for the first caller only: a code is redeemed (or burnt) once.</summary>
    public bool TryRedeem() => Interlocked.Exchange(ref _redeemed, 1) == 0;

    public void RecordIssued(string jti, DateTimeOffset expiresAt)
    {
        lock (_gate)
        {
            _issued = (jti, expiresAt);
        }
    }

    public (string Jti, DateTimeOffset ExpiresAt)? Issued
    {
        get
        {
            lock (_gate)
            {
                return _issued;
            }
        }
    }
}
