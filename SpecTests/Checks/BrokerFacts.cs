using PbenchAuthSpec.SpecTests.Tokens;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>What the harness read from the broker itself (discovery, JWKS, the realm's <c>public_key</c>).</summary>
public sealed record BrokerFacts
{
    /// <summary>The realm URL the target trusts; the expected issuer (<c>{server}/realms/{realm}</c>).</summary>
    public required string RealmUrl { get; init; }

    public string? DiscoveredIssuer { get; init; }

    public required string AuthorizationEndpoint { get; init; }

    public required string TokenEndpoint { get; init; }

    public string? EndSessionEndpoint { get; init; }

    public Jwks Jwks { get; init; } = Jwks.Parse(null);

    /// <summary>Keycloak's realm <c>public_key</c> (<c>GET {realm}</c>), the key Pbench reads.</summary>
    public string? RealmPublicKey { get; init; }

    /// <summary>What went wrong reading discovery, when it did.</summary>
    public string? DiscoveryProblem { get; init; }

    /// <summary>The broker's base URL (the realm URL without <c>/realms/{realm}</c>).</summary>
    public string BaseUrl => RealmUrl[..RealmUrl.LastIndexOf("/realms/", StringComparison.Ordinal)];

    public string Realm => RealmUrl[(RealmUrl.LastIndexOf('/') + 1)..];

    public static BrokerFacts Conventional(string realmUrl) => new()
    {
        RealmUrl = realmUrl.TrimEnd('/'),
        AuthorizationEndpoint = realmUrl.TrimEnd('/') + "/protocol/openid-connect/auth",
        TokenEndpoint = realmUrl.TrimEnd('/') + "/protocol/openid-connect/token",
        EndSessionEndpoint = realmUrl.TrimEnd('/') + "/protocol/openid-connect/logout",
    };
}
