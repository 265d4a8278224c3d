using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Tests;

/// <summary>
/// A dashboard that abandons step 3's response and logs in through a later silent request (the
/// real Pbench dashboard's route guard): steps 12, 15 and 16 are judged against the request whose
/// code the token request redeems, and the abandoned response is a warn at step 12 naming both.
/// </summary>
public sealed class SeveralAuthorizationRequestsTests
{
    private const string SilentRedirectUri = SyntheticLogin.Target + "/dashboard/auth";

    [Test]
    public void A_login_completed_by_a_later_silent_request_is_judged_against_that_request_and_warns_about_the_abandoned_response()
    {
        var login = RecoveredLogin();

        var checks = login.Evaluate();

        checks.Where(c => c.Verdict == Verdict.Fail).Should().BeEmpty(string.Join("\n", checks.Where(c => c.Verdict == Verdict.Fail)));
        var abandoned = checks.Single(c => c.Id == "s12.abandoned-response");
        abandoned.Verdict.Should().Be(Verdict.Warn);
        abandoned.Observed.Should().Contain("#12 answered #4").And.Contain("#20 prompt=none").And.Contain("#30");
        checks.Where(c => c.Id is "s15.code" or "s15.redirect-uri" or "s15.code-verifier" or "s16.id.nonce" or "s12.state" or "s12.location" or "s13.location")
            .Should().HaveCount(7).And.OnlyContain(c => c.Verdict == Verdict.Pass);
        checks.Single(c => c.Id == "s12.status").Observed.Should().Contain("the answer to #20");
    }

    [Test]
    public void The_trace_numbers_the_redeemed_response_as_step_12_and_keeps_step_3_on_the_login_request()
    {
        var trace = RecoveredLogin().Trace();

        trace.AuthRequest!.Id.Should().Be(4);
        trace.CompletingAuthRequest!.Id.Should().Be(20);
        trace.BrokerRedirect!.Id.Should().Be(20);
        trace.DashboardLoad!.Id.Should().Be(21);
        trace.StepsOf(trace.All.Single(e => e.Id == 12)).Should().Be((11, null));
        trace.StepsOf(trace.All.Single(e => e.Id == 20)).Should().Be((null, 12));
        trace.AbandonedResponses.Should().ContainSingle().Which.Request.Id.Should().Be(4);
    }

    [Test]
    public void A_redirect_uri_or_nonce_of_step_3_instead_of_the_completing_requests_fails()
    {
        var login = RecoveredLogin();
        login.TokenForm["redirect_uri"] = SyntheticLogin.RedirectUri;
        login.IdClaims["nonce"] = "nonce-N";

        var checks = login.Evaluate();

        checks.Single(c => c.Id == "s15.redirect-uri").Verdict.Should().Be(Verdict.Fail);
        checks.Single(c => c.Id == "s16.id.nonce").Verdict.Should().Be(Verdict.Fail);
    }

    // Step 3's response (#12) is dropped; a silent prompt=none request (#20) to /dashboard/auth gets
    // another code, which the token request (#30) redeems.
    private static SyntheticLogin RecoveredLogin()
    {
        var login = new SyntheticLogin();
        var silent = new Dictionary<string, string>(login.AuthQuery) { ["redirect_uri"] = SilentRedirectUri, ["state"] = "state-2", ["nonce"] = "nonce-2", ["prompt"] = "none" };
        var back = SilentRedirectUri + "?code=silent-code&state=state-2&session_state=sid-1&iss=" + Uri.EscapeDataString(SyntheticLogin.Realm);
        login.Extra.Add(new Exchange
        {
            Id = 20, Url = $"{SyntheticLogin.Realm}/protocol/openid-connect/auth?{SyntheticExchanges.Query(silent)}", Status = 302, ResourceType = "document",
            ResponseHeaders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Location"] = back },
        });
        login.Extra.Add(new Exchange
        {
            Id = 21, Url = back, Status = 200, ResourceType = "document", RedirectedFrom = 20,
            ResponseHeaders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = "text/html" },
        });
        login.Edit["token"] = e => e with { Id = 30 };
        login.TokenForm["code"] = "silent-code";
        login.TokenForm["redirect_uri"] = SilentRedirectUri;
        login.IdClaims["nonce"] = "nonce-2";
        return login;
    }
}
