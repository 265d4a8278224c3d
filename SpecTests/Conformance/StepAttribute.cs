using NUnit.Framework;

namespace PbenchAuthSpec.SpecTests.Conformance;

/// <summary>Ties a test to the diagram step it checks (NUnit property <c>Step</c>, so reports can group by step).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class StepAttribute : PropertyAttribute
{
    public StepAttribute(int step)
        : base(nameof(Step), step)
    {
        Step = step;
    }

    public int Step { get; }
}
