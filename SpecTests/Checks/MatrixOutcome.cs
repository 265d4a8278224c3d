using PbenchAuthSpec.SpecTests.Tokens;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>A matrix case and the target's answers to each of its attempts.</summary>
public sealed record MatrixOutcome(MatrixCase Case, IReadOnlyList<CallOutcome> Attempts);
