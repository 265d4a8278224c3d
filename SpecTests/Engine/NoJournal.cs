using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>Foreign servers: nothing to read.</summary>
public sealed class NoJournal(string reason) : IJournalSource
{
    public string? Unavailable => reason;

    public Task MarkAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<JournalEntry>> ReadAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<JournalEntry>>([]);

    // A foreign set-up: nothing found later has a journal either.
    public Task<bool> IncludeAsync(string baseUrl, CancellationToken cancellationToken) => Task.FromResult(false);
}
