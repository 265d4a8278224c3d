using System.Net;
using FluentAssertions;
using Microsoft.IdentityModel.JsonWebTokens;
using NUnit.Framework;

namespace PbenchAuthSpec.MockIdp.Tests;

public sealed class CodeFlowTests
{
    [Test]
    public async Task Authorization_request_is_answered_303_to_the_login_page_with_only_a_transaction_id()
    {
        await using var idp = await TestIdp.StartAsync();
        using var client = new IdpTestClient(idp.BaseUrl);

        var response = await client.GetAsync(client.AuthorizeUrl(IdpTestClient.Request()));

        response.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        var location = response.Headers.Location!.AbsoluteUri;
        location.Should().MatchRegex($@"^{idp.BaseUrl}/login\?tx=[A-Za-z0-9_-]{{43}}$");
        var page = await client.GetAsync(response.Headers.Location!);
        var html = await page.Content.ReadAsStringAsync();
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        foreach (var id in new[] { "login-form", "username", "password", "login" })
        {
            HtmlForm.Has(html, id).Should().BeTrue($"the login page has #{id}");
        }

        page.Headers.CacheControl!.NoStore.Should().BeTrue();
    }

    [Test]
    public async Task Code_flow_without_PKCE_returns_code_state_and_iss_then_tokens()
    {
        await using var idp = await TestIdp.StartAsync();
        using var client = new IdpTestClient(idp.BaseUrl);
        var request = IdpTestClient.Request();

        var response = await client.SignInAsync(request);
        var tokens = await client.RedeemAsync(response.Code!);

        response.Status.Should().Be(HttpStatusCode.Found, "the fixture's redirectStatus is 302");
        response.RedirectUri.Should().Be(TestIdp.RedirectUri);
        response.State.Should().Be(request["state"]);
        response.Iss.Should().Be(idp.BaseUrl);
        response.Error.Should().BeNull();
        AssertTokenResponse(tokens, idp.BaseUrl, request["nonce"]!, "alice");
    }

    [TestCase("S256")]
    [TestCase("plain")]
    public async Task Code_flow_with_PKCE_verifies_the_code_verifier(string method)
    {
        await using var idp = await TestIdp.StartAsync();
        using var client = new IdpTestClient(idp.BaseUrl);
        var verifier = IdpTestClient.NewVerifier();
        var challenge = method == "S256" ? IdpTestClient.S256(verifier) : verifier;
        var request = IdpTestClient.Request(("code_challenge", challenge), ("code_challenge_method", method));

        var response = await client.SignInAsync(request, "bob");
        var tokens = await client.RedeemAsync(response.Code!, verifier, post: true);

        AssertTokenResponse(tokens, idp.BaseUrl, request["nonce"]!, "bob");
    }

    [Test]
    public async Task State_is_echoed_byte_for_byte()
    {
        await using var idp = await TestIdp.StartAsync();
        using var client = new IdpTestClient(idp.BaseUrl);
        const string State = "kc.Tab-1_~ü+/=?&%20 \"quoted\".pbench-client";

        var response = await client.SignInAsync(IdpTestClient.Request(("state", State)));

        response.State.Should().Be(State);
    }

    [Test]
    public async Task Consent_is_asked_once_per_user_and_client_then_remembered()
    {
        await using var idp = await TestIdp.StartAsync();
        using var first = new IdpTestClient(idp.BaseUrl);
        using var second = new IdpTestClient(idp.BaseUrl);

        (await first.SignInAsync(IdpTestClient.Request())).Code.Should().NotBeNull();
        var firstConsents = first.ConsentPagesSeen;
        (await second.SignInAsync(IdpTestClient.Request())).Code.Should().NotBeNull();

        firstConsents.Should().Be(1);
        second.LoginPagesSeen.Should().Be(1, "a new browser has no session");
        second.ConsentPagesSeen.Should().Be(0, "alice already consented to pbench-broker");
    }

    [Test]
    public async Task Consent_denied_redirects_with_access_denied_and_the_state()
    {
        await using var idp = await TestIdp.StartAsync();
        using var client = new IdpTestClient(idp.BaseUrl);
        var request = IdpTestClient.Request();

        var response = await client.SignInAsync(request, allowConsent: false);

        response.Error.Should().Be("access_denied");
        response.State.Should().Be(request["state"]);
        response.Iss.Should().Be(idp.BaseUrl);
        response.Code.Should().BeNull();
    }

    [Test]
    public async Task Wrong_password_shows_the_form_again_with_an_error()
    {
        await using var idp = await TestIdp.StartAsync();
        using var client = new IdpTestClient(idp.BaseUrl);
        var redirect = await client.GetAsync(client.AuthorizeUrl(IdpTestClient.Request()));
        var form = HtmlForm.Parse(await (await client.GetAsync(redirect.Headers.Location!)).Content.ReadAsStringAsync());

        var answer = await client.PostFormAsync(form.Action, [.. form.Fields, new("username", "alice"), new("password", "bob-password")]);
        var html = await answer.Content.ReadAsStringAsync();

        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        HtmlForm.Has(html, "error").Should().BeTrue();
        HtmlForm.Has(html, "login-form").Should().BeTrue();
        var retry = await client.FollowAsync(answer, "alice", "alice-password", allowConsent: true);
        retry.Code.Should().NotBeNull("the same sign-in goes on after a wrong password");
    }

    [Test]
    public async Task Same_browser_signs_in_again_without_a_password_but_prompt_login_forces_the_form()
    {
        await using var idp = await TestIdp.StartAsync();
        using var client = new IdpTestClient(idp.BaseUrl);

        await client.SignInAsync(IdpTestClient.Request());
        var silent = await client.SignInAsync(IdpTestClient.Request(), password: "not-needed");
        var silentLogins = client.LoginPagesSeen;
        var forced = await client.SignInAsync(IdpTestClient.Request(("prompt", "login")));

        silent.Code.Should().NotBeNull();
        silentLogins.Should().Be(0);
        forced.Code.Should().NotBeNull();
        client.LoginPagesSeen.Should().Be(1);
    }

    [Test]
    public async Task Prompt_none_without_a_session_redirects_with_login_required()
    {
        await using var idp = await TestIdp.StartAsync();
        using var client = new IdpTestClient(idp.BaseUrl);
        var request = IdpTestClient.Request(("prompt", "none"));

        var response = AuthorizationResponse.FromRedirect(await client.GetAsync(client.AuthorizeUrl(request)));

        response.Error.Should().Be("login_required");
        response.State.Should().Be(request["state"]);
    }

    [Test]
    public async Task Prompt_none_with_a_session_and_consent_returns_a_code_at_once()
    {
        await using var idp = await TestIdp.StartAsync();
        using var client = new IdpTestClient(idp.BaseUrl);
        await client.SignInAsync(IdpTestClient.Request());

        var response = AuthorizationResponse.FromRedirect(await client.GetAsync(client.AuthorizeUrl(IdpTestClient.Request(("prompt", "none")))));

        response.Code.Should().NotBeNull();
        (await client.RedeemAsync(response.Code!)).Status.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Redirect_status_option_303_overrides_the_fixture()
    {
        await using var idp = await TestIdp.StartAsync(new MockIdpOptions { RedirectStatus = 303 });
        using var client = new IdpTestClient(idp.BaseUrl);

        var response = await client.SignInAsync(IdpTestClient.Request());

        response.Status.Should().Be(HttpStatusCode.SeeOther);
        response.Code.Should().NotBeNull();
    }

    [TestCase("fragment")]
    [TestCase("form_post")]
    public async Task Response_mode_is_honoured(string mode)
    {
        await using var idp = await TestIdp.StartAsync();
        using var client = new IdpTestClient(idp.BaseUrl);
        var request = IdpTestClient.Request(("response_mode", mode));

        var response = await client.SignInAsync(request);

        response.RedirectUri.Should().Be(TestIdp.RedirectUri);
        response.State.Should().Be(request["state"]);
        response.Iss.Should().Be(idp.BaseUrl);
        (await client.RedeemAsync(response.Code!)).Status.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Login_form_posted_from_a_browser_without_the_binding_cookie_is_refused()
    {
        await using var idp = await TestIdp.StartAsync();
        using var victim = new IdpTestClient(idp.BaseUrl);
        using var attacker = new IdpTestClient(idp.BaseUrl);
        var redirect = await victim.GetAsync(victim.AuthorizeUrl(IdpTestClient.Request()));
        var form = HtmlForm.Parse(await (await victim.GetAsync(redirect.Headers.Location!)).Content.ReadAsStringAsync());

        var forged = await attacker.PostFormAsync(form.Action, [.. form.Fields, new("username", "alice"), new("password", "alice-password")]);

        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        forged.Headers.Location.Should().BeNull();
        (await forged.Content.ReadAsStringAsync()).Should().Contain("another browser");
    }

    [Test]
    public async Task Consent_cannot_be_posted_before_the_password()
    {
        await using var idp = await TestIdp.StartAsync();
        using var client = new IdpTestClient(idp.BaseUrl);
        var redirect = await client.GetAsync(client.AuthorizeUrl(IdpTestClient.Request()));
        var tx = HtmlForm.Parse(await (await client.GetAsync(redirect.Headers.Location!)).Content.ReadAsStringAsync()).Fields["tx"];

        var skipped = await client.PostFormAsync("/consent", [new("tx", tx), new("decision", "allow")]);

        skipped.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        skipped.Headers.Location!.AbsoluteUri.Should().StartWith($"{idp.BaseUrl}/login?tx=");
    }

    internal static void AssertTokenResponse(TokenResult tokens, string issuer, string nonce, string username)
    {
        tokens.Status.Should().Be(HttpStatusCode.OK, tokens.Body.ToJsonString());
        tokens.Response.Headers.CacheControl!.NoStore.Should().BeTrue();
        tokens.Response.Headers.Pragma.ToString().Should().Be("no-cache");
        ((string?)tokens.Body["token_type"]).Should().Be("Bearer");
        ((int?)tokens.Body["expires_in"]).Should().Be(300);
        tokens.AccessToken.Should().NotBeNullOrEmpty();
        var id = new JsonWebToken(tokens.IdToken);
        id.Alg.Should().Be("RS256");
        id.Kid.Should().NotBeNullOrEmpty();
        id.Issuer.Should().Be(issuer);
        id.Audiences.Should().Equal(TestIdp.ClientId);
        id.GetClaim("nonce").Value.Should().Be(nonce);
        id.GetClaim("preferred_username").Value.Should().Be(username);
        id.GetClaim("sub").Value.Should().StartWith("idp-");
        foreach (var claim in new[] { "exp", "iat", "auth_time", "email", "name", "given_name", "family_name" })
        {
            id.TryGetClaim(claim, out _).Should().BeTrue($"the id_token has {claim}");
        }
    }
}
