using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.MockBroker.Tests.Support;

namespace PbenchAuthSpec.MockBroker.Tests;

/// <summary>
/// The identity provider's Keycloak options at work: userinfo, PKCE, signing algorithms, client
/// authentication, and the IdP's refusals passed on in its own words.
/// </summary>
public sealed class IdentityProviderOptionsTests
{
    private const string AliceSub = "idp-4ab0c376-7991-40c9-8bbe-c1ae1fd49e88";

    [Test]
    public async Task Profile_claims_only_at_userinfo_name_the_imported_user()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        stack.Idp.ClaimsOnlyAtUserInfo = true;
        using var browser = stack.NewBrowser();

        var claims = Jwt.Payload((await browser.TokensAsync())["access_token"]!.GetValue<string>());

        claims["preferred_username"]!.GetValue<string>().Should().Be("alice", "OIDCIdentityProvider takes the profile from userinfo");
        claims["email"]!.GetValue<string>().Should().Be("alice@example.com");
        stack.Idp.UserInfoRequests.Should().ContainSingle().Which.Should().StartWith("Bearer idp-access-");
    }

    [TestCase("disableUserInfo")]
    [TestCase("fault")]
    public async Task Without_userinfo_a_provider_that_releases_claims_only_there_names_the_user_by_its_sub(string how)
    {
        using var fixture = WithIdpConfig(c => c["disableUserInfo"] = how == "disableUserInfo" ? "true" : "false");
        await using var stack = await BrokerTestStack.StartAsync(o => o with { FixtureFile = fixture.Path, Faults = how == "fault" ? [BrokerFaults.NoUserinfo] : [] });
        stack.Idp.ClaimsOnlyAtUserInfo = true;
        using var browser = stack.NewBrowser();

        var claims = Jwt.Payload((await browser.TokensAsync())["access_token"]!.GetValue<string>());

        claims["preferred_username"]!.GetValue<string>().Should().Be(AliceSub.ToLowerInvariant(), "Keycloak falls back to email, then sub");
        stack.Idp.UserInfoRequests.Should().BeEmpty();
    }

    [Test]
    public async Task A_userinfo_answer_for_another_subject_is_refused()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        stack.Idp.ClaimsOnlyAtUserInfo = true;
        stack.Idp.ShapeUserInfo = c => c["sub"] = "someone-else";
        using var browser = stack.NewBrowser();

        var parameters = BrokerBrowser.Parameters(await browser.LoginThroughIdpAsync(new AuthRequest()));

        parameters["error"].Should().Be("server_error");
        parameters["error_description"].Should().Contain("Mismatch between the subject in the id_token and the subject from the user_info endpoint");
    }

    [Test]
    public async Task An_es256_id_token_is_verified_with_the_jwks_key_its_kid_names()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        stack.Idp.EcKey = ec;
        using var browser = stack.NewBrowser();

        var claims = Jwt.Payload((await browser.TokensAsync())["access_token"]!.GetValue<string>());

        claims["preferred_username"]!.GetValue<string>().Should().Be("alice");
    }

    [Test]
    public async Task An_rs256_only_broker_refuses_an_es256_id_token_in_plain_words()
    {
        await using var stack = await BrokerTestStack.StartAsync(o => o with { Faults = [BrokerFaults.Rs256Only] });
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        stack.Idp.EcKey = ec;
        using var browser = stack.NewBrowser();

        var parameters = BrokerBrowser.Parameters(await browser.LoginThroughIdpAsync(new AuthRequest()));

        parameters["error"].Should().Be("server_error");
        parameters["error_description"].Should().Contain("alg 'ES256'").And.NotContain("IDX", "no .NET exception text reaches the client");
    }

    [Test]
    public async Task Pkce_enabled_sends_a_challenge_and_redeems_the_code_with_its_verifier()
    {
        using var fixture = WithIdpConfig(c =>
        {
            c["pkceEnabled"] = "true";
            c["pkceMethod"] = "S256";
        });
        await using var stack = await BrokerTestStack.StartAsync(o => o with { FixtureFile = fixture.Path });
        using var browser = stack.NewBrowser();

        await browser.TokensAsync();

        var authorization = stack.Idp.Authorizations.Single();
        authorization["code_challenge_method"].Should().Be("S256");
        var verifier = stack.Idp.TokenRequests.Single().Form["code_verifier"];
        var challenge = System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier)));
        authorization["code_challenge"].Should().Be(challenge, "RFC 7636 §4.6");
    }

    [Test]
    public async Task The_no_idp_pkce_fault_sends_no_challenge_whatever_the_setting()
    {
        using var fixture = WithIdpConfig(c =>
        {
            c["pkceEnabled"] = "true";
            c["pkceMethod"] = "S256";
        });
        await using var stack = await BrokerTestStack.StartAsync(o => o with { FixtureFile = fixture.Path, Faults = [BrokerFaults.NoIdpPkce] });
        using var browser = stack.NewBrowser();

        await browser.TokensAsync();

        stack.Idp.Authorizations.Single().Should().NotContainKey("code_challenge");
        stack.Idp.TokenRequests.Single().Form.Should().NotContainKey("code_verifier");
    }

    [Test]
    public async Task Client_secret_post_sends_the_credentials_in_the_form_not_in_a_basic_header()
    {
        using var fixture = WithIdpConfig(c => c["clientAuthMethod"] = "client_secret_post");
        await using var stack = await BrokerTestStack.StartAsync(o => o with { FixtureFile = fixture.Path });
        using var browser = stack.NewBrowser();

        await browser.TokensAsync();

        var (authorization, form) = stack.Idp.TokenRequests.Single();
        authorization.Should().BeNullOrEmpty();
        form["client_id"].Should().Be(FakeIdp.ClientId);
        form["client_secret"].Should().Be(FakeIdp.ClientSecret);
    }

    [Test]
    public async Task Private_key_jwt_sends_an_assertion_signed_by_the_realm_key_for_the_token_endpoint()
    {
        using var fixture = WithIdpConfig(c => c["clientAuthMethod"] = "private_key_jwt");
        await using var stack = await BrokerTestStack.StartAsync(o => o with { FixtureFile = fixture.Path });
        using var browser = stack.NewBrowser();

        await browser.LoginThroughIdpAsync(new AuthRequest());

        var form = stack.Idp.TokenRequests.Single().Form;
        form["client_assertion_type"].Should().Be("urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        form.Should().NotContainKey("client_secret");
        var assertion = form["client_assertion"];
        Jwt.Header(assertion)["kid"]!.GetValue<string>().Should().Be(stack.Broker.SigningKey().Kid);
        var claims = Jwt.Payload(assertion);
        claims["iss"]!.GetValue<string>().Should().Be(FakeIdp.ClientId);
        claims["sub"]!.GetValue<string>().Should().Be(FakeIdp.ClientId);
        claims["aud"]!.GetValue<string>().Should().Be($"{stack.Idp.BaseUrl}/token");
        new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().ValidateTokenAsync(assertion, new Microsoft.IdentityModel.Tokens.TokenValidationParameters
        {
            IssuerSigningKey = stack.Broker.SigningKey().SecurityKey, ValidateIssuer = false, ValidateAudience = false, ValidateLifetime = false,
        }).Result.IsValid.Should().BeTrue("the IdP verifies it with the realm's published key");
    }

    [Test]
    public async Task An_idp_refusal_reaches_the_client_with_the_idps_error_and_description()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        stack.Idp.AuthorizationError = "invalid_request";
        using var browser = stack.NewBrowser();

        var parameters = BrokerBrowser.Parameters(await browser.LoginThroughIdpAsync(new AuthRequest()));

        parameters["error"].Should().Be("server_error", "Keycloak: an unexpected error when authenticating with the identity provider");
        parameters["error_description"].Should().Contain("error=invalid_request").And.Contain("the user said no");
    }

    [Test]
    public async Task A_hidden_provider_is_not_on_the_login_page_and_a_disabled_one_is_refused()
    {
        using var fixture = TempFixture.From(json =>
        {
            var idp = TempFixture.Realm(json, "pbench-server")["identityProviders"]![0]!.AsObject();
            var hidden = idp.DeepClone().AsObject();
            hidden["alias"] = "hidden";
            hidden["hideOnLogin"] = true;
            idp["enabled"] = false;
            TempFixture.Realm(json, "pbench-server")["identityProviders"]!.AsArray().Add(hidden);
        });
        await using var stack = await BrokerTestStack.StartAsync(o => o with { FixtureFile = fixture.Path });
        using var browser = stack.NewBrowser();

        var page = await (await browser.GetAsync(new AuthRequest().Url(stack.RealmUrl))).Content.ReadAsStringAsync();
        var login = await browser.GetAsync($"{stack.RealmUrl}/broker/mockidp/login?client_id=pbench-client&tab_id=x&session_code=y");

        page.Should().NotContain("social-mockidp").And.NotContain("social-hidden");
        login.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private static TempFixture WithIdpConfig(Action<JsonObject> change) =>
        TempFixture.From(json => change(TempFixture.Realm(json, "pbench-server")["identityProviders"]![0]!["config"]!.AsObject()));
}
