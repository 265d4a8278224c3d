using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.SpecTests.Checks;

namespace PbenchAuthSpec.SpecTests.Tests;

/// <summary>The login checks (steps 1–16) on recorded exchanges: a conforming login passes, and every check catches its bad exchange.</summary>
public sealed class LoginCheckTests
{
    private static IEnumerable<Mutation> All => [.. LoginMutations.Steps1To10(), .. LoginMutations.Steps11To15(), .. TokenMutations.Step16()];

    private static IEnumerable<TestCaseData> Cases => All.Select(m => new TestCaseData(m).SetArgDisplayNames(m.ToString()));

    [Test]
    public void A_conforming_login_passes_every_check_of_steps_1_to_16()
    {
        var checks = new SyntheticLogin().Evaluate();

        checks.Where(c => c.Verdict is Verdict.Fail or Verdict.Warn).Should().BeEmpty();
        checks.Select(c => c.Step).Distinct().Should().BeEquivalentTo(Enumerable.Range(1, 16));
        checks.Should().OnlyContain(c => c.Verdict == Verdict.Pass, "every check of a conforming login is observable here");
    }

    [Test]
    public void The_diagram_profile_reads_its_keys_case_insensitively()
    {
        var login = new SyntheticLogin { Profile = "diagram", ConfigBody = $$"""{"Identity_Broker_Auth_URI":"{{SyntheticLogin.Realm}}/protocol/openid-connect/auth","CLIENT_ID":"pbench-client"}""" };

        var checks = login.Evaluate();

        checks.Where(c => c.Step == 2).Should().OnlyContain(c => c.Verdict == Verdict.Pass).And.Contain(c => c.Id == "s2.client-id");
    }

    [TestCaseSource(nameof(Cases))]
    public void Each_check_catches_its_bad_exchange(Mutation mutation)
    {
        var login = new SyntheticLogin();
        mutation.Break(login);

        var checks = login.Evaluate();

        checks.Should().Contain(c => c.Id == mutation.CheckId && c.Verdict == mutation.Expected,
            $"breaking it ({mutation.What}) must make {mutation.CheckId} {mutation.Expected}; got: {string.Join("; ", checks.Where(c => c.Id == mutation.CheckId))}");
    }

    [Test]
    public void Every_login_check_has_a_bad_exchange_that_makes_it_fail_or_warn()
    {
        var ids = new SyntheticLogin().Evaluate().Select(c => c.Id).Concat(["s2.auth-uri", "s2.client-id"]).ToHashSet();

        ids.Except(All.Select(m => m.CheckId)).Should().BeEmpty("a check that no bad exchange can fail is a defect");
    }

    [Test]
    public void Missing_steps_name_what_was_expected()
    {
        var login = new SyntheticLogin();
        login.Edit["token"] = _ => null;

        var missing = login.Evaluate().Single(c => c.Id == "s15.observed");

        missing.Verdict.Should().Be(Verdict.Fail);
        missing.Expected.Should().Contain("/protocol/openid-connect/token");
    }
}
