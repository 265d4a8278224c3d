namespace PbenchAuthSpec.SpecTests.Tokens;

/// <summary>
/// A case of the invalid-token matrix (every attempt must get 401) or a positive control
/// (no attempt may get 401). A case that cannot be built here carries the reason it is skipped.
/// </summary>
public sealed record MatrixCase(string Id, string Title, string Rule, IReadOnlyList<MatrixAttempt> Attempts, bool Positive = false, string? SkipReason = null)
{
    /// <summary>The case sends a token the broker itself issued (so a defect step 16 found explains a refusal).</summary>
    public bool BrokerToken { get; init; }

    public static MatrixCase Skip(string id, string title, string rule, string reason, bool positive = false) =>
        new(id, title, rule, [], positive, reason);
}
