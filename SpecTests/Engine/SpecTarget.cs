namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>
/// What a run is pointed at: the target and the realm it trusts, plus what the harness can reach
/// of the stand-ins (their journal, the broker's keys). Built from an in-process stand-in stack,
/// or from the settings for an external target.
/// </summary>
public sealed record SpecTarget : IAsyncDisposable
{
    public required string TargetUrl { get; init; }

    public required string RealmUrl { get; init; }

    public required IJournalSource Journal { get; init; }

    /// <summary>In-process broker keys (rotation included); null: look for the fixture key in the JWKS.</summary>
    public IBrokerKeys? BrokerKeys { get; init; }

    /// <summary>Something the run started and must stop (the embedded stand-ins).</summary>
    public IAsyncDisposable? Owned { get; init; }

    public string Description { get; init; } = "external";

    public async ValueTask DisposeAsync()
    {
        if (Owned is not null)
        {
            await Owned.DisposeAsync();
        }

        (Journal as IDisposable)?.Dispose();
    }

    /// <summary>An external target: the journal is read over <c>/__admin/requests</c> where the servers offer it.</summary>
    public static SpecTarget External(string targetUrl, string realmUrl, TimeSpan timeout)
    {
        var brokerBase = realmUrl[..realmUrl.LastIndexOf("/realms/", StringComparison.Ordinal)];
        return new SpecTarget
        {
            TargetUrl = targetUrl.TrimEnd('/'),
            RealmUrl = realmUrl.TrimEnd('/'),
            Journal = new HttpJournal([brokerBase, targetUrl], timeout),
            Description = "external",
        };
    }
}
