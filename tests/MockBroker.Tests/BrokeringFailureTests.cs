using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.MockBroker.Tests.Support;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Tests;

public sealed class BrokeringFailureTests
{
    public static IEnumerable<TestCaseData> BadIdTokens()
    {
        yield return new TestCaseData((Action<FakeIdp>)(idp => idp.ShapeIdToken = c => c["nonce"] = "not-the-broker-nonce"), "nonce").SetName("Id_token_with_another_nonce_is_refused");
        yield return new TestCaseData((Action<FakeIdp>)(idp => idp.ShapeIdToken = c => c.Remove("nonce")), "nonce").SetName("Id_token_without_nonce_is_refused");
        yield return new TestCaseData((Action<FakeIdp>)(idp => idp.ShapeIdToken = c => c["aud"] = "someone-else"), "invalid").SetName("Id_token_for_another_audience_is_refused");
        yield return new TestCaseData((Action<FakeIdp>)(idp => idp.ShapeIdToken = c => c["iss"] = "http://127.0.0.1:1/other"), "invalid").SetName("Id_token_from_another_issuer_is_refused");
        yield return new TestCaseData((Action<FakeIdp>)(idp => idp.ShapeIdToken = c => c["exp"] = c["iat"]!.GetValue<long>() - 10), "expired").SetName("Expired_id_token_is_refused");
        yield return new TestCaseData((Action<FakeIdp>)(idp => idp.ShapeIdToken = c => c.Remove("exp")), "expired").SetName("Id_token_without_exp_is_refused");
        yield return new TestCaseData((Action<FakeIdp>)(idp => idp.ShapeIdToken = c => c["aud"] = new JsonArray("pbench-broker", "other")), "azp").SetName("Id_token_with_two_audiences_and_no_azp_is_refused");
        yield return new TestCaseData((Action<FakeIdp>)(idp => idp.ShapeIdToken = c => c.Remove("sub")), "sub").SetName("Id_token_without_sub_is_refused");
        yield return new TestCaseData((Action<FakeIdp>)(idp => idp.UnpublishedSigningKey = SigningKey.Generate()), "invalid").SetName("Id_token_signed_by_a_key_not_in_the_idp_jwks_is_refused");
        yield return new TestCaseData((Action<FakeIdp>)(idp => idp.ShapeIdTokenText = t => t[..t.LastIndexOf('.')] + ".AAAA"), "invalid").SetName("Id_token_with_a_broken_signature_is_refused");
        yield return new TestCaseData((Action<FakeIdp>)(idp => idp.ShapeIdTokenText = t => "eyJhbGciOiJub25lIn0." + t.Split('.')[1] + "."), "invalid").SetName("Unsigned_id_token_is_refused");
        yield return new TestCaseData((Action<FakeIdp>)(idp => idp.ShapeIdTokenText = _ => "garbage"), "invalid").SetName("Garbage_id_token_is_refused");
    }

    [TestCaseSource(nameof(BadIdTokens))]
    public async Task Invalid_id_token_goes_back_to_the_client_as_server_error(Action<FakeIdp> misbehave, string reason)
    {
        await using var stack = await BrokerTestStack.StartAsync();
        misbehave(stack.Idp);
        using var browser = stack.NewBrowser();
        var request = new AuthRequest();

        var response = await browser.LoginThroughIdpAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Found);
        var parameters = BrokerBrowser.Parameters(response);
        parameters["error"].Should().Be("server_error");
        parameters["error_description"].Should().Contain(reason);
        parameters["state"].Should().Be(request.State);
    }

    [TestCase("tampered")]
    [TestCase("unknown-tab")]
    [TestCase("other-client")]
    [TestCase("missing")]
    public async Task Idp_answer_with_a_bad_state_gets_an_error_page_not_a_redirect(string how)
    {
        await using var stack = await BrokerTestStack.StartAsync();
        stack.Idp.ShapeState = state => how switch
        {
            "tampered" => "x" + state,
            "unknown-tab" => state.Split('.')[0] + ".nosuchtab00." + state.Split('.', 3)[2],
            "other-client" => state[..state.LastIndexOf('.')] + ".pbench-automation",
            _ => "",
        };
        using var browser = stack.NewBrowser();

        var response = await browser.LoginThroughIdpAsync(new AuthRequest());

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Location.Should().BeNull();
        (await response.Content.ReadAsStringAsync()).Should().Contain("kc-error-message");
        stack.Idp.TokenRequests.Should().BeEmpty("nothing is exchanged for an untrusted answer");
    }

    [Test]
    public async Task Replayed_idp_answer_finds_nothing()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        var page = await browser.GetAsync(new AuthRequest().Url(stack.RealmUrl));
        var toIdp = await browser.GetAsync(BrokerBrowser.SocialLink(await page.Content.ReadAsStringAsync()));
        var idpAnswer = await browser.GetAsync(toIdp.Headers.Location!.ToString());
        var first = await browser.GetAsync(idpAnswer.Headers.Location!.ToString());

        var replay = await browser.GetAsync(idpAnswer.Headers.Location!.ToString());

        first.StatusCode.Should().Be(HttpStatusCode.Found);
        replay.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Idp_answer_arriving_in_another_browser_is_refused()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var victim = stack.NewBrowser();
        using var attacker = stack.NewBrowser();
        var page = await attacker.GetAsync(new AuthRequest().Url(stack.RealmUrl));
        var toIdp = await attacker.GetAsync(BrokerBrowser.SocialLink(await page.Content.ReadAsStringAsync()));
        var idpAnswer = await attacker.GetAsync(toIdp.Headers.Location!.ToString());

        var response = await victim.GetAsync(idpAnswer.Headers.Location!.ToString(), accept: "application/json");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["error_description"]!.GetValue<string>().Should().Contain("Cookie not found");
    }

    [Test]
    public async Task Broker_button_without_the_login_cookie_is_refused()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        using var other = stack.NewBrowser();
        var page = await browser.GetAsync(new AuthRequest().Url(stack.RealmUrl));

        var response = await other.GetAsync(BrokerBrowser.SocialLink(await page.Content.ReadAsStringAsync()));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Location.Should().BeNull();
    }

    [Test]
    public async Task Unreachable_idp_goes_back_to_the_client_as_temporarily_unavailable()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        await stack.Idp.DisposeAsync();
        using var browser = stack.NewBrowser();
        var request = new AuthRequest();
        var page = await browser.GetAsync(request.Url(stack.RealmUrl));

        var response = await browser.GetAsync(BrokerBrowser.SocialLink(await page.Content.ReadAsStringAsync()));

        response.StatusCode.Should().Be(HttpStatusCode.Found);
        var parameters = BrokerBrowser.Parameters(response);
        parameters["error"].Should().Be("temporarily_unavailable");
        parameters["state"].Should().Be(request.State);
        stack.Journal.Entries("broker-back-channel").Should().Contain(e => e.Status == 0, "the failed discovery call is journaled too");
    }

    [Test]
    public async Task Unknown_identity_provider_alias_is_404()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();

        var response = await browser.GetAsync($"{stack.RealmUrl}/broker/nosuchidp/login?client_id=pbench-client&tab_id=x&session_code=y", accept: "application/json");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!.Should().ContainKey("error");
    }
}
