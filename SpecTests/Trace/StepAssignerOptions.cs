namespace PbenchAuthSpec.SpecTests.Trace;

/// <summary>The endpoints by which <see cref="StepAssigner"/> recognises the numbered steps.</summary>
public sealed record StepAssignerOptions
{
    /// <summary>Step 1's URL without query: the target's config endpoint.</summary>
    public required string ConfigEndpoint { get; init; }

    /// <summary>The broker's authorization endpoint (discovery's <c>authorization_endpoint</c>).</summary>
    public required string AuthorizationEndpoint { get; init; }

    public required string TokenEndpoint { get; init; }
}
