namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>Replaces a call's own token: the Authorization header of a matrix attempt, or a token in the query string.</summary>
public sealed record MatrixAttemptOverride(string Label, string? Authorization, string? QueryToken, bool BrokerToken);
