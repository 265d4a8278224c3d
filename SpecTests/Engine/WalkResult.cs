using Microsoft.Playwright;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>How the browser walk of steps 1–16 ended.</summary>
public sealed record WalkResult
{
    /// <summary>The page on the target's origin the later steps run their calls from (null if never reached).</summary>
    public IPage? Page { get; init; }

    /// <summary>The step the walk was at when it stopped early, and why (a timeout, an error page, --until-step).</summary>
    public int? StoppedAt { get; init; }

    public string? StopReason { get; init; }

    /// <summary>Stopped on purpose by --until-step.</summary>
    public bool UntilStep { get; init; }

    public bool LoggedIn { get; init; }

    /// <summary>The PKCE code_verifier the harness sent as the dashboard (protocol mode), for state.json.</summary>
    public string? Verifier { get; init; }

    public static WalkResult Stop(IPage? page, int step, string reason, bool untilStep = false) =>
        new() { Page = page, StoppedAt = step, StopReason = reason, UntilStep = untilStep };
}
