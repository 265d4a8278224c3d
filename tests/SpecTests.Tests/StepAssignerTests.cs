using FluentAssertions;
using NUnit.Framework;

namespace PbenchAuthSpec.SpecTests.Tests;

/// <summary>Numbered steps are found by protocol landmarks; the hops a real broker and dashboard add stay unnumbered.</summary>
public sealed class StepAssignerTests
{
    [Test]
    public void Each_numbered_exchange_plays_its_pair_of_steps()
    {
        var trace = new SyntheticLogin().Trace();

        var steps = trace.All.ToDictionary(e => e.Id, trace.StepsOf);

        steps[2].Should().Be((1, 2));
        steps[4].Should().Be((3, 4));
        steps[6].Should().Be((5, 6));
        steps[7].Should().Be((7, 8));
        steps[9].Should().Be((9, null), "the credentials POST is step 9; consent follows");
        steps[11].Should().Be((9, 10), "the consent POST's redirect to the broker is step 10");
        steps[12].Should().Be((11, 12));
        steps[13].Should().Be((13, 14));
        steps[15].Should().Be((15, 16));
    }

    [Test]
    public void Prompt_none_the_broker_login_hop_iframes_and_assets_are_unnumbered()
    {
        var trace = new SyntheticLogin().Trace();

        foreach (var id in new[] { 1, 3, 5, 8, 14 })
        {
            trace.StepsOf(trace.All.Single(e => e.Id == id)).Should().Be((null, null), $"exchange {id} is not a numbered step");
        }
    }

    [Test]
    public void A_broker_that_takes_hops_of_its_own_gets_step_12_on_the_hop_that_redirects_to_the_client()
    {
        var login = new SyntheticLogin();
        login.Edit["broker-endpoint"] = e => e with { ResponseHeaders = new Dictionary<string, string> { ["Location"] = SyntheticLogin.Realm + "/login-actions/first-broker-login?x=1" } };
        login.Edit["iframe"] = _ => new Trace.Exchange
        {
            Id = 14, Url = SyntheticLogin.Realm + "/login-actions/first-broker-login?x=1", Status = 302, ResourceType = "document", RedirectedFrom = 12,
            ResponseHeaders = new Dictionary<string, string> { ["Location"] = SyntheticLogin.RedirectUri + "?code=broker-code&state=state-S" },
        };

        var trace = login.Trace();

        trace.BrokerEndpoint!.Id.Should().Be(12);
        trace.BrokerRedirect!.Id.Should().Be(14);
        trace.StepsOf(trace.BrokerEndpoint).Should().Be((11, null));
    }
}
