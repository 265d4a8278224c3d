using PbenchAuthSpec.SpecTests.Checks;

namespace PbenchAuthSpec.SpecTests.Tests;

/// <summary>A way to break a conforming synthetic login, and the check that must then say so.</summary>
public sealed record Mutation(string CheckId, string What, Action<SyntheticLogin> Break, Verdict Expected = Verdict.Fail)
{
    public override string ToString() => $"{CheckId}: {What}";
}
