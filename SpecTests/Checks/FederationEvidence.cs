using System.Text.Json.Nodes;
using PbenchAuthSpec.SpecTests.Tokens;
using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>What step 11 is judged on: the stand-ins' journal (back channel) and the broker's admin API.</summary>
public sealed record FederationEvidence
{
    /// <summary>
    /// Journal records of the back channel: the stand-ins' own calls and the token requests the IdP
    /// served with step 10's code; null when no journal is reachable (a foreign broker and target).
    /// </summary>
    public IReadOnlyList<Exchange>? BackChannel { get; init; }

    /// <summary>Which reachable journals can have seen the IdP's code exchange.</summary>
    public JournalCoverage Coverage { get; init; } = JournalCoverage.None;

    public string JournalSkip { get; init; } = "no request journal (a foreign broker and IdP): the back channel is not observable";

    /// <summary>Why step 11's back channel cannot be judged: no journal, or none that covers the IdP's token endpoint.</summary>
    public string? BackChannelSkip => BackChannel is null ? JournalSkip
        : Coverage.Any ? null
        : "no reachable journal covers the IdP's token endpoint: the IdP answers no GET /__admin/requests and the broker records no back-channel calls (a foreign IdP and broker), so the code exchange is not observable";

    public string? IdpIssuer { get; init; }

    public Jwks? IdpJwks { get; init; }

    /// <summary>The broker user found by username through the admin API.</summary>
    public JsonObject? BrokerUser { get; init; }

    public JsonArray? FederatedIdentities { get; init; }

    /// <summary>Why the admin API could not be asked (no credentials, refused...).</summary>
    public string? AdminSkip { get; init; }

    public string LoginUsername { get; init; } = "";
}
