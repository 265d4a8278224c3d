using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>The shared journal of an in-process stand-in stack.</summary>
public sealed class InProcessJournal(Journal journal) : IJournalSource
{
    private long _mark;

    public string? Unavailable => null;

    public Task MarkAsync(CancellationToken cancellationToken)
    {
        _mark = journal.LastSequence;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<JournalEntry>> ReadAsync(CancellationToken cancellationToken) =>
        Task.FromResult(journal.Entries(afterSequence: _mark));

    // The stack's one journal already holds every server's traffic.
    public Task<bool> IncludeAsync(string baseUrl, CancellationToken cancellationToken) => Task.FromResult(false);
}
