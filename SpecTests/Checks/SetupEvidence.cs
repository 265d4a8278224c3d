using PbenchAuthSpec.SpecTests.Tokens;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>What the broker set-up check is judged on.</summary>
public sealed record SetupEvidence
{
    public required BrokerFacts Broker { get; init; }

    public required string Profile { get; init; }

    public required string Audience { get; init; }

    public required string ClientId { get; init; }

    /// <summary>The admin user's access token from the password grant, if obtained.</summary>
    public DecodedJwt? AdminToken { get; init; }

    public string AdminUsername { get; init; } = "admin";

    /// <summary>Why other users' tokens could not be had by the password grant, if so.</summary>
    public string? PasswordGrantProblem { get; init; }
}
