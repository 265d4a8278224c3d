namespace PbenchAuthSpec.MockBroker.State;

/// <summary>
/// Keycloak's authentication session tab: a validated authorization request waiting for the user
/// to log in (locally or through an IdP). Bound to the browser by the <c>AUTH_SESSION_ID</c>
/// cookie and to each form or link by a one-off <c>session_code</c>.
/// </summary>
internal sealed record PendingLogin
{
    public required string TabId { get; init; }

    public required string RootSessionId { get; init; }

    public required string SessionCode { get; init; }

    public required AuthorizationRequest Request { get; init; }

    /// <summary>Set when the browser is sent upstream: the alias, and what the IdP must echo and sign.</summary>
    public string? UpstreamAlias { get; init; }

    public string? UpstreamState { get; init; }

    public string? UpstreamNonce { get; init; }

    /// <summary>RFC 7636 §4.1: the PKCE verifier of the upstream request, when the provider uses PKCE.</summary>
    public string? UpstreamCodeVerifier { get; init; }
}
