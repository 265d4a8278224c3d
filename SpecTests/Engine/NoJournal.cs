using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>Foreign servers: nothing to read.</summary>
public sealed class NoJournal(string reason) : IJournalSource
{
    public string? Unavailable => reason;

    public Task MarkAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<JournalEntry>> ReadAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<JournalEntry>>([]);
}
