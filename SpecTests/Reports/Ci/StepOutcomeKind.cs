namespace PbenchAuthSpec.SpecTests.Reports.Ci;

/// <summary>What a CI system shows for a step.</summary>
public enum StepOutcomeKind
{
    Passed,
    Failed,
    Skipped,
}
