namespace PbenchAuthSpec.MockIdp;

/// <summary>A validated authorization request (RFC 6749 §4.1.1, OIDC Core §3.1.2.1, RFC 7636 §4.3).</summary>
internal sealed record AuthorizationRequest(
    RegisteredClient Client,
    string RedirectUri,
    string ResponseMode,
    string Scope,
    string? State,
    string? Nonce,
    string? CodeChallenge,
    string? CodeChallengeMethod,
    Prompt Prompt,
    long? MaxAgeSeconds,
    string? LoginHint);
