using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.SpecTests.Checks;

namespace PbenchAuthSpec.SpecTests.Tests;

/// <summary>
/// s16.setup.nonce: the tokens carry the nonce where the dashboard's keycloak-js checks it
/// (before 24: access, refresh and id tokens; Keycloak 25+ puts it in the id_token only).
/// </summary>
public sealed class NonceSetupCheckTests
{
    private const string Nonce = "nonce-N";

    [Test]
    public void Keycloak_js_refusing_the_tokens_in_the_console_fails_with_the_mapper_fix()
    {
        var check = Step16NonceSetup.Evaluate(Evidence(accessNonce: null, refreshNonce: null) with
        {
            Console = ["warning: [KEYCLOAK] 3rd party cookies aren't supported", "info: [KEYCLOAK] Invalid nonce, clearing token (http://t/keycloak-21.js:1:1)"],
        });

        check.Verdict.Should().Be(Verdict.Fail);
        check.Step.Should().Be(16);
        check.Phase.Should().Be("setup");
        check.Observed.Should().Contain("[KEYCLOAK] Invalid nonce").And.Contain("access token nonce missing");
        check.Fix.Should().Be("add the 'Nonce backwards compatible' mapper to the client, or move the dashboard to keycloak-js 24 or later");
    }

    [Test]
    public void A_declared_keycloak_js_21_with_no_nonce_in_the_access_token_fails_even_when_its_console_is_silent()
    {
        var check = Step16NonceSetup.Evaluate(Evidence(accessNonce: null, refreshNonce: null) with { KeycloakJs = "21.1.2" });

        check.Verdict.Should().Be(Verdict.Fail);
        check.Observed.Should().Contain("keycloak-js 21.1.2 (dashboards.pbench.keycloakJs)");
        check.Fix.Should().NotBeNull();
    }

    [Test]
    public void A_dashboard_that_logged_in_with_the_tokens_outweighs_its_declared_release()
    {
        var check = Step16NonceSetup.Evaluate(Evidence(accessNonce: null, refreshNonce: null) with { KeycloakJs = "21.1.2", LoggedIn = true });

        check.Verdict.Should().Be(Verdict.Pass);
        check.Observed.Should().Contain("the dashboard logged in with them");
    }

    [TestCase("21.1.2")]
    [TestCase("")]
    public void The_nonce_in_every_token_passes_for_any_keycloak_js(string keycloakJs)
    {
        var check = Step16NonceSetup.Evaluate(Evidence(accessNonce: Nonce, refreshNonce: Nonce) with { KeycloakJs = keycloakJs.Length == 0 ? null : keycloakJs });

        check.Verdict.Should().Be(Verdict.Pass);
    }

    [Test]
    public void Keycloak_js_24_or_later_needs_the_nonce_in_the_id_token_only()
    {
        Step16NonceSetup.Evaluate(Evidence(accessNonce: null, refreshNonce: null) with { KeycloakJs = "26.2.4" }).Verdict.Should().Be(Verdict.Pass);
    }

    [Test]
    public void An_undeclared_release_with_a_silent_console_is_a_skip_that_says_how_to_judge_it()
    {
        var check = Step16NonceSetup.Evaluate(Evidence(accessNonce: null, refreshNonce: null));

        check.Verdict.Should().Be(Verdict.Skip);
        check.Observed.Should().Contain("dashboards.pbench.keycloakJs");
    }

    [Test]
    public void Protocol_mode_and_a_login_without_nonce_are_skipped()
    {
        Step16NonceSetup.Evaluate(Evidence(null, null) with { ProtocolMode = true }).Verdict.Should().Be(Verdict.Skip);
        Step16NonceSetup.Evaluate(Evidence(null, null) with { Nonce = null, KeycloakJs = "21.1.2" }).Verdict.Should().Be(Verdict.Skip);
    }

    private static NonceEvidence Evidence(string? accessNonce, string? refreshNonce)
    {
        var access = new JsonObject { ["sub"] = "u-1", ["typ"] = "Bearer" };
        var refresh = new JsonObject { ["sub"] = "u-1", ["typ"] = "Refresh" };
        if (accessNonce is not null)
        {
            access["nonce"] = accessNonce;
        }

        if (refreshNonce is not null)
        {
            refresh["nonce"] = refreshNonce;
        }

        var body = new JsonObject { ["access_token"] = SyntheticKeys.Sign(access), ["refresh_token"] = SyntheticKeys.Sign(refresh), ["id_token"] = SyntheticKeys.Sign(new JsonObject { ["nonce"] = Nonce }) };
        return new NonceEvidence { Tokens = TokenSet.Parse(body.ToJsonString()), Nonce = Nonce, Dashboard = "pbench" };
    }
}
