namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>The fixed facts the login checks compare the trace against.</summary>
public sealed record WalkContext
{
    /// <summary>The target's base URL (no trailing slash).</summary>
    public required string TargetUrl { get; init; }

    public required string Profile { get; init; }

    public required string ConfigPath { get; init; }

    public required string Audience { get; init; }

    public required BrokerFacts Broker { get; init; }

    public bool ProtocolMode { get; init; }

    /// <summary>The identity provider's alias at the broker (Keycloak: <c>a#social-{alias}</c>, <c>/broker/{alias}/endpoint</c>).</summary>
    public string IdpAlias { get; init; } = "mockidp";

    /// <summary>The broker's client id at the IdP, when known (compared at step 5).</summary>
    public string? IdpBrokerClientId { get; init; }

    /// <summary>The user the walk logs in as at the IdP; the broker's token must name this user (s16.principal).</summary>
    public string? LoginUsername { get; init; }

    public string TargetOrigin => Trace.Urls.Origin(TargetUrl);

    public string ConfigEndpoint => TargetUrl + ConfigPath;
}
