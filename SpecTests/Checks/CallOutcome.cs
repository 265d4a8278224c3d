using PbenchAuthSpec.SpecTests.Catalogue;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>The answer to one restricted call of steps 17–20 (or why it was not made).</summary>
public sealed record CallOutcome
{
    public required CatalogueCall Call { get; init; }

    /// <summary>What was sent, e.g. <c>GET /api/v1/datasets?mine=true as bob</c>.</summary>
    public required string Label { get; init; }

    public int? Status { get; init; }

    public string? WwwAuthenticate { get; init; }

    public string? Body { get; init; }

    public string? Error { get; init; }

    /// <summary>Set when the call could not be made (no token for the user, unresolved variable...).</summary>
    public string? Skip { get; init; }

    /// <summary>Whether the call carried a token the broker issued (so a defective broker token explains a 401).</summary>
    public bool BrokerToken { get; init; } = true;

    public int? ExchangeId { get; init; }

    /// <summary>The path and query as sent, variables resolved.</summary>
    public string? Path { get; init; }

    /// <summary>The catalogue variables the path named, e.g. <c>dataset</c> → <c>alice-private-1</c>.</summary>
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();

    /// <summary>Set when an earlier request of the run wrongly changed what this one touches (see <see cref="DataChanges"/>).</summary>
    public string? AfterChange { get; init; }

    public string Observed => Skip ?? (Status is { } s ? $"{s}{(WwwAuthenticate is { } w ? $" (WWW-Authenticate: {w})" : "")} {Steps.Excerpt(Body, 120)}" : Error ?? "no response");
}
