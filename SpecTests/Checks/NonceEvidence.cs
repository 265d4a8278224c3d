namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>What the nonce part of the broker set-up check is judged on.</summary>
public sealed record NonceEvidence
{
    /// <summary>Step 16's tokens (the dashboard's, or the harness's own code exchange's).</summary>
    public TokenSet? Tokens { get; init; }

    /// <summary>The nonce the authorization request whose code was exchanged sent.</summary>
    public string? Nonce { get; init; }

    /// <summary>The dashboard's browser console (<c>type: text (location)</c> lines).</summary>
    public IReadOnlyList<string> Console { get; init; } = [];

    /// <summary>The dashboard's keycloak-js release as its preset declares it (<c>dashboards.NAME.keycloakJs</c>).</summary>
    public string? KeycloakJs { get; init; }

    /// <summary>The preset's name, for the fix.</summary>
    public string Dashboard { get; init; } = "";

    public bool ProtocolMode { get; init; }

    /// <summary>The dashboard showed the user logged in: whatever it checks, these tokens passed.</summary>
    public bool LoggedIn { get; init; }
}
