using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.SpecTests.Catalogue;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Tokens;
using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Tests;

/// <summary>Step 17's bearer call, refresh and logout, and the broker set-up findings, each able to fail.</summary>
public sealed class AfterStepsCheckTests
{
    private const string Token = "eyJ.access.token";

    private static WalkContext Context => new SyntheticLogin().Context;

    private static Exchange Call(string url, string? authorization) => new()
    {
        Id = 40, Url = url, Status = 200,
        RequestHeaders = authorization is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Authorization"] = authorization },
    };

    private static Exchange Token200(string body = """{"access_token": "new", "refresh_token": "r2"}""") => new() { Id = 41, Method = "POST", Url = "http://b/token", Status = 200, ResponseBody = body };

    private static Exchange Error(int status, string error) => new() { Id = 42, Method = "POST", Url = "http://b/token", Status = status, ResponseBody = $$"""{"error": "{{error}}"}""" };

    [Test]
    public void The_restricted_call_must_carry_step_16s_token()
    {
        var good = Step17BearerCall.Evaluate(Call(SyntheticLogin.Target + "/api/v1/datasets", $"Bearer {Token}"), Token, [], Context).ToList();
        var other = Step17BearerCall.Evaluate(Call(SyntheticLogin.Target + "/api/v1/datasets", "Bearer someone-else"), Token, [], Context).ToList();
        var none = Step17BearerCall.Evaluate(Call(SyntheticLogin.Target + "/api/v1/datasets", null), Token, [], Context).ToList();

        good.Should().OnlyContain(c => c.Verdict == Verdict.Pass);
        other.Single(c => c.Id == "s17.bearer").Verdict.Should().Be(Verdict.Fail);
        none.Single(c => c.Id == "s17.bearer").Verdict.Should().Be(Verdict.Fail);
    }

    [Test]
    public void A_token_sent_to_another_origin_or_in_a_URL_is_caught()
    {
        var call = Call(SyntheticLogin.Target + "/api/v1/datasets", $"Bearer {Token}");
        var leak = Call("http://collector.example/steal", $"Bearer {Token}") with { Id = 50 };
        var inUrl = Call(SyntheticLogin.Target + "/api/v1/datasets?access_token=" + Token, null) with { Id = 51 };

        var checks = Step17BearerCall.Evaluate(call, Token, [call, leak, inUrl], Context).ToList();

        checks.Single(c => c.Id == "s17.no-leak").Should().Match<Check>(c => c.Verdict == Verdict.Fail && c.Exchanges.Contains(50));
        checks.Single(c => c.Id == "s17.not-in-url").Verdict.Should().Be(Verdict.Warn);
        Step17BearerCall.Evaluate(Call("http://elsewhere/api", $"Bearer {Token}"), Token, [], Context).Single(c => c.Id == "s17.target-origin").Verdict.Should().Be(Verdict.Fail);
    }

    [Test]
    public void Refresh_reuse_and_logout_pass_when_the_broker_behaves()
    {
        var call = new CallOutcome { Call = new CatalogueCall { Expect = 200 }, Label = "GET /", Status = 200 };
        var evidence = new LifecycleEvidence { Refresh = Token200(), Reuse = Error(400, "invalid_grant"), RefreshedCall = call, Logout = Token200() with { Status = 204 }, RefreshAfterLogout = Error(400, "invalid_grant") };

        Step16Lifecycle.Evaluate(evidence, new Step17TokenCheck([])).Should().OnlyContain(c => c.Verdict == Verdict.Pass).And.HaveCount(5);
    }

    [Test]
    public void A_failed_refresh_a_bad_reuse_answer_and_a_live_token_after_logout_fail()
    {
        var call = new CallOutcome { Call = new CatalogueCall { Expect = 200 }, Label = "GET /", Status = 401 };
        var evidence = new LifecycleEvidence { Refresh = Error(400, "invalid_grant"), Reuse = Error(500, "server_error"), RefreshedCall = call, Logout = Error(400, "invalid_request"), RefreshAfterLogout = Token200() };

        var checks = Step16Lifecycle.Evaluate(evidence, new Step17TokenCheck([])).ToDictionary(c => c.Id, c => c.Verdict);

        checks.Should().Contain(new Dictionary<string, Verdict>
        {
            ["s16.refresh"] = Verdict.Fail, ["s16.refresh-reuse"] = Verdict.Fail, ["s18.refreshed"] = Verdict.Fail, ["s16.logout"] = Verdict.Fail, ["s16.logout-refresh-dead"] = Verdict.Fail,
        });
    }

    [Test]
    public void Broker_setup_findings_fail_with_what_to_change()
    {
        var broker = Context.Broker with { DiscoveredIssuer = "http://broker.test/auth/realms/pbench-server", RealmPublicKey = SyntheticKeys.Idp.PublicKeyDerBase64 };
        var admin = DecodedJwt.TryDecode(SyntheticKeys.Sign(new JsonObject { ["resource_access"] = new JsonObject { ["account"] = new JsonObject { ["roles"] = new JsonArray("ADMIN") } } }), out _);

        var checks = SetupChecks.Evaluate(new SetupEvidence { Broker = broker, Profile = "pbench", Audience = "pbench-server", ClientId = "pbench-client", AdminToken = admin, PasswordGrantProblem = "unauthorized_client" }).ToList();

        checks.Where(c => c.Id is "s3.setup.issuer" or "s16.setup.public-key" or "s19.setup.admin-role").Should().HaveCount(3).And.OnlyContain(c => c.Verdict == Verdict.Fail && c.Fix != null);
        checks.Single(c => c.Id == "s19.setup.password-grant").Should().Match<Check>(c => c.Verdict == Verdict.Fail && c.Fix!.Contains("Direct Access Grants", StringComparison.Ordinal), "without other users' tokens the forbidden matrix cannot run: the finding fails step 19");
    }

    [Test]
    public void A_well_set_up_broker_has_no_findings()
    {
        var admin = DecodedJwt.TryDecode(SyntheticKeys.Sign(new JsonObject { ["resource_access"] = new JsonObject { ["pbench-server"] = new JsonObject { ["roles"] = new JsonArray("ADMIN") } } }), out _);

        var checks = SetupChecks.Evaluate(new SetupEvidence { Broker = Context.Broker, Profile = "pbench", Audience = "pbench-server", ClientId = "pbench-client", AdminToken = admin });

        checks.Should().HaveCount(3).And.OnlyContain(c => c.Verdict == Verdict.Pass && c.Fix == null);
    }
}
