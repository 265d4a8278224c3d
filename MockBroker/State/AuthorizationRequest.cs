namespace PbenchAuthSpec.MockBroker.State;

/// <summary>An authorization request that passed every check of the authorization endpoint.</summary>
internal sealed record AuthorizationRequest
{
    public required string ClientId { get; init; }

    /// <summary>The redirect URI the client sent (null when it relied on its single registered one).</summary>
    public string? RequestedRedirectUri { get; init; }

    public required string RedirectUri { get; init; }

    public required string ResponseMode { get; init; }

    public required string Scope { get; init; }

    public string? State { get; init; }

    public string? Nonce { get; init; }

    public string? CodeChallenge { get; init; }

    public string? CodeChallengeMethod { get; init; }

    public string? Prompt { get; init; }

    public string? LoginHint { get; init; }

    public long? MaxAge { get; init; }

    public string? IdpHint { get; init; }
}
