using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>Where the stand-ins' request journal is read: in-process, over <c>/__admin/requests</c>, or nowhere (foreign servers).</summary>
public interface IJournalSource
{
    /// <summary>Why there is no journal, or null when there is one.</summary>
    string? Unavailable { get; }

    /// <summary>Marks the start of this run: later reads return only newer entries.</summary>
    Task MarkAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<JournalEntry>> ReadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Also reads the journal of a server found during the run (the IdP, known from step 5's
    /// URL), from the mark's time on; true when that server has a journal this source did not read.
    /// </summary>
    Task<bool> IncludeAsync(string baseUrl, CancellationToken cancellationToken);
}
