using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Engine;
using PbenchAuthSpec.SpecTests.Reports;
using PbenchAuthSpec.SpecTests.Tests.UpstreamIdp.Support;
using PbenchAuthSpec.SpecTests.Tokens;

namespace PbenchAuthSpec.SpecTests.Tests.Runs;

/// <summary>
/// The embedded walk with a second, independent upstream IdP where MockIdp stands: panva's
/// oidc-provider, in its default configuration and in variants (claims only at userinfo, ES256
/// keys, PKCE required, private_key_jwt). Each walk passes with no fail, as the login user.
/// </summary>
[NonParallelizable]
public sealed class UpstreamIdpRunTests
{
    [TestCase("userinfo")]
    [TestCase("es256")]
    [TestCase("pkce")]
    public async Task The_walk_against_oidc_provider_passes_with_the_login_user_as_the_principal(string variant)
    {
        await using var idp = await UpstreamIdpSetup.StartAsync(variant);

        var report = await RunAsync(idp);

        report.Steps.Should().NotContain(s => s.Verdict == Verdict.Fail, report.Problems());
        report.Step(16).Checks.Should().ContainSingle(c => c.Id == "s16.principal").Which.Verdict.Should().Be(Verdict.Pass);
        report.Step(11).Checks.Should().ContainSingle(c => c.Id == "s11.user").Which.Observed.Should().Contain("'alice'");
    }

    [Test]
    public async Task Profile_claims_come_from_userinfo_when_the_id_token_has_none()
    {
        await using var idp = await UpstreamIdpSetup.StartAsync("userinfo");

        var report = await RunAsync(idp);

        var backChannel = idp.Stack.Journal.Entries().Where(e => e.BackChannel).ToList();
        var idToken = IdTokenOf(TokenCall(idp));
        idToken.Claim("preferred_username").Should().BeNull("oidc-provider releases profile claims only at userinfo by default");
        backChannel.Should().ContainSingle(e => e.Method == "GET" && e.Url == $"{idp.Provider.Issuer}/me" && e.Status == 200, "the broker asks userinfo");
        report.Step(16).Checks.Single(c => c.Id == "s16.principal").Observed.Should().Contain("'alice'");
    }

    [Test]
    public async Task An_es256_id_token_is_accepted_by_the_broker_and_verified_by_the_walk()
    {
        await using var idp = await UpstreamIdpSetup.StartAsync("es256");

        var report = await RunAsync(idp);

        var exchange = TokenCall(idp);
        IdTokenOf(exchange).Alg.Should().Be("ES256");
        report.Steps.Should().NotContain(s => s.Verdict == Verdict.Fail, report.Problems());
    }

    [Test]
    public async Task The_broker_sends_pkce_to_a_provider_that_requires_it()
    {
        await using var idp = await UpstreamIdpSetup.StartAsync("pkce");

        var report = await RunAsync(idp);

        report.Trace.Single(h => h.RequestStep == 5).Url.Should().Contain("code_challenge_method=S256");
        var exchange = TokenCall(idp);
        exchange.RequestBody.Should().Contain("code_verifier=");
        report.Steps.Should().NotContain(s => s.Verdict == Verdict.Fail, report.Problems());
    }

    [Test]
    public async Task The_broker_authenticates_with_private_key_jwt_to_a_provider_that_reads_the_realm_keys()
    {
        await using var idp = await UpstreamIdpSetup.StartAsync(auth: "private_key_jwt");

        var report = await RunAsync(idp);

        await idp.Provider.DisposeAsync();
        report.Steps.Should().NotContain(s => s.Verdict == Verdict.Fail, report.Problems() + "\noidc-provider: " + await idp.Provider.Errors);
        var exchange = TokenCall(idp);
        exchange.RequestBody.Should().Contain("client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer");
        exchange.Status.Should().Be(200);
    }

    [Test]
    public async Task A_provider_that_requires_pkce_the_broker_does_not_send_fails_step_6_with_the_fix_and_the_walk_stops_there()
    {
        await using var idp = await UpstreamIdpSetup.StartAsync("pkce", pkce: false);

        var report = await RunAsync(idp);

        report.Walk.Should().StartWith("stopped at step 6", "no login form will come, so the walk does not wait for one");
        var refusal = report.Step(6).Checks.Single(c => c.Id == "s6.idp-error");
        refusal.Verdict.Should().Be(Verdict.Fail);
        refusal.Observed.Should().Contain("error=invalid_request").And.Contain("PKCE");
        refusal.Fix.Should().Contain("enable PKCE for the identity provider in the broker");
        report.Steps.Where(s => s.Step is >= 7 and <= 12).Should().OnlyContain(s => s.Verdict == Verdict.Skip, report.Verdicts());
    }

    /// <summary>A walk of the embedded stack with <paramref name="idp"/> in MockIdp's place, from the config copy for its pages.</summary>
    internal static Task<SpecReport> RunAsync(UpstreamIdpSetup idp, params (string Name, string Value)[] variables) =>
        SharedBrowser.RunAsync(
            SharedBrowser.Settings([("CONFIG", UpstreamIdpSetup.ConfigFile), ("LOGIN_PASSWORD", "any-password"), .. variables]),
            EmbeddedTarget.At(idp.Stack.TargetUrl, idp.Stack.RealmUrl));

    // The broker's code exchange at the provider's token endpoint, as the stack's journal recorded it.
    private static JournalEntry TokenCall(UpstreamIdpSetup idp) =>
        idp.Stack.Journal.Entries().Single(e => e.BackChannel && e.Method == "POST" && e.Url == $"{idp.Provider.Issuer}/token");

    private static DecodedJwt IdTokenOf(JournalEntry tokenCall) =>
        DecodedJwt.TryDecode((JsonNode.Parse(tokenCall.ResponseBody!)!["id_token"])!.GetValue<string>(), out _)!;
}
