using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.SpecTests.Engine;

namespace PbenchAuthSpec.SpecTests.Tests;

/// <summary>How long a run waits for a real token to expire (--wait-for-expiry, --broker-admin-changes), and when it will not.</summary>
public sealed class ExpiryWaitTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [Test]
    public void The_wait_ends_one_second_past_exp_plus_the_targets_leeway()
    {
        var (wait, tooLong) = RealTokenRecovery.WaitPlan(Now.ToUnixTimeSeconds() + 2, 5, Now, RealTokenRecovery.MaxWait, "a token");

        wait.Should().Be(TimeSpan.FromSeconds(8));
        tooLong.Should().BeNull();
    }

    [Test]
    public void A_token_already_past_exp_and_leeway_is_sent_without_waiting()
    {
        var (wait, tooLong) = RealTokenRecovery.WaitPlan(Now.ToUnixTimeSeconds() - 30, 0, Now, RealTokenRecovery.MaxWait, "a token");

        wait.Should().Be(TimeSpan.Zero);
        tooLong.Should().BeNull();
    }

    [Test]
    public void A_token_living_longer_than_the_bound_is_not_waited_for_and_the_line_names_the_wait_and_the_bound()
    {
        var (wait, tooLong) = RealTokenRecovery.WaitPlan(Now.ToUnixTimeSeconds() + 3600, 0, Now, RealTokenRecovery.MaxWait, "step 16's own token");

        wait.Should().Be(TimeSpan.Zero);
        tooLong.Should().Be("step 16's own token is past its exp plus the target's leeway (0 s) only in 3601 s, longer than the 600 s the run waits at most: shorten the realm's access token lifespan, or use --broker-admin-changes");
    }
}
