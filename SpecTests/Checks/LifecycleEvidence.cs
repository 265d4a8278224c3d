using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>After the steps: the refresh grant, reuse of the old refresh token, and logout.</summary>
public sealed record LifecycleEvidence
{
    public string? Skip { get; init; }

    public Exchange? Refresh { get; init; }

    public Exchange? Reuse { get; init; }

    /// <summary>Step 18's first call made with the refreshed access token.</summary>
    public CallOutcome? RefreshedCall { get; init; }

    public Exchange? Logout { get; init; }

    public Exchange? RefreshAfterLogout { get; init; }

    public string? LogoutSkip { get; init; }
}
