using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Tests.Runs;

namespace PbenchAuthSpec.SpecTests.Tests;

/// <summary>The comparison behind the set-up tests names each check whose verdict differs, with what both runs saw.</summary>
public sealed class VerdictComparisonTests
{
    [Test]
    public void A_check_whose_verdict_differs_or_that_one_run_lacks_is_named_with_both_observations()
    {
        Check[] a = [Check.That(11, "s11.code-exchange", "r", "t", true, "1", "1: #3"), Check.That(20, "s20.control.rotated-key", "r", "t", true, "200", "200"), Check.That(2, "s2.status", "r", "t", true, "200", "200")];
        Check[] b = [Check.That(11, "s11.code-exchange", "r", "t", true, "1", "1: #9"), Check.That(20, "s20.control.rotated-key", "r", "t", false, "200", "401")];

        var differences = VerdictComparison.Differences("first", a, "second", b);

        differences.Should().Equal(
            "s2.status: first pass (observed 200) | second absent",
            "s20.control.rotated-key: first pass (observed 200) | second fail (observed 401)");
    }
}
