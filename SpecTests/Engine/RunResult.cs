using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>What a run's session produced, before it becomes a report.</summary>
public sealed record RunResult
{
    public required IReadOnlyList<Check> Checks { get; init; }

    public required LoginTrace Trace { get; init; }

    public required IReadOnlyList<Exchange> Exchanges { get; init; }

    /// <summary>Numbered steps of the exchanges of steps 17–20 (the login's come from <see cref="Trace"/>).</summary>
    public required IReadOnlyDictionary<int, (int? Request, int? Response)> ProbeSteps { get; init; }

    public required WalkResult Walk { get; init; }

    public TokenSet? Tokens { get; init; }

    public IReadOnlyList<JournalEntry> Journal { get; init; } = [];

    public string? IdpOrigin { get; init; }

    public required BrokerFacts Broker { get; init; }

    /// <summary>What the run changed on the target or the broker, and whether it was undone.</summary>
    public IReadOnlyList<RunChange> Changes { get; init; } = [];

    /// <summary>The pages' console messages and uncaught errors.</summary>
    public IReadOnlyList<string> Console { get; init; } = [];

    /// <summary>The console as it was when the login walk ended (what a stopped walk is explained by).</summary>
    public IReadOnlyList<string> WalkConsole { get; init; } = [];
}
