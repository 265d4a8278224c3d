using System.Text.Json.Nodes;
using PbenchAuthSpec.SpecTests.Tokens;
using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>What step 11 is judged on: the stand-ins' journal (back channel) and the broker's admin API.</summary>
public sealed record FederationEvidence
{
    /// <summary>Back-channel exchanges from the journal; null when no journal is reachable (a foreign broker).</summary>
    public IReadOnlyList<Exchange>? BackChannel { get; init; }

    public string JournalSkip { get; init; } = "no request journal (a foreign broker and IdP): the back channel is not observable";

    public string? IdpIssuer { get; init; }

    public Jwks? IdpJwks { get; init; }

    /// <summary>The broker user found by username through the admin API.</summary>
    public JsonObject? BrokerUser { get; init; }

    public JsonArray? FederatedIdentities { get; init; }

    /// <summary>Why the admin API could not be asked (no credentials, refused...).</summary>
    public string? AdminSkip { get; init; }

    public string LoginUsername { get; init; } = "";
}
