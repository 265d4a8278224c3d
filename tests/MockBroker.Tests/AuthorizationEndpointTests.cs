using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.MockBroker.Tests.Support;

namespace PbenchAuthSpec.MockBroker.Tests;

public sealed class AuthorizationEndpointTests
{
    [Test]
    public async Task Login_page_lists_the_identity_provider_and_the_local_form_with_keycloak_ids()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();

        var response = await browser.GetAsync(new AuthRequest().Url(stack.RealmUrl));
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("id=\"kc-social-providers\"").And.Contain("id=\"social-mockidp\"")
            .And.Contain("id=\"kc-form-login\"").And.Contain("id=\"username\"").And.Contain("id=\"password\"").And.Contain("id=\"kc-login\"");
        BrokerBrowser.SocialLink(html).Should().StartWith($"{stack.RealmUrl}/broker/mockidp/login?client_id=pbench-client&tab_id=");
        response.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith("AUTH_SESSION_ID=") && c.Contains("path=/realms/pbench-server/") && c.Contains("httponly"));
        response.Headers.GetValues("X-Frame-Options").Should().Equal("SAMEORIGIN");
    }

    [Test]
    public async Task Unknown_client_gets_an_error_page_and_no_redirect()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();

        var response = await browser.GetAsync(new AuthRequest { ClientId = "nobody" }.Url(stack.RealmUrl));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Location.Should().BeNull();
        (await response.Content.ReadAsStringAsync()).Should().Contain("id=\"kc-error-message\"").And.Contain("Client not found.");
    }

    [TestCase("http://evil.example/dashboard/callback")]
    [TestCase("http://dashboard.invalid/dashboard-evil/callback")]
    [TestCase("http://dashboard.invalid/other/callback")]
    [TestCase("http://dashboard.invalid/dashboard/../admin")]
    [TestCase("http://dashboard.invalid/dashboard/%2e%2e/admin")]
    [TestCase("http://dashboard.invalid/dashboard/cb#fragment")]
    [TestCase("http://user@dashboard.invalid/dashboard/cb")]
    [TestCase("http://dashboard.invalid.evil.example/dashboard/cb")]
    [TestCase("javascript:alert(1)")]
    public async Task Unregistered_redirect_uri_is_never_redirected_to(string redirectUri)
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();

        var response = await browser.GetAsync(new AuthRequest { RedirectUri = redirectUri }.Url(stack.RealmUrl), accept: "application/json");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Location.Should().BeNull();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        body!["error"]!.GetValue<string>().Should().Be("invalid_request");
        body["error_description"]!.GetValue<string>().Should().Be("Invalid parameter: redirect_uri");
    }

    [TestCase("http://dashboard.invalid/dashboard/callback")]
    [TestCase("http://dashboard.invalid/dashboard/")]
    [TestCase("http://dashboard.invalid/dashboard")]
    [TestCase("http://dashboard.invalid/dashboard-kc/index.html?x=1")]
    public async Task Redirect_uri_under_a_registered_wildcard_is_accepted(string redirectUri)
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();

        var response = await browser.GetAsync(new AuthRequest { RedirectUri = redirectUri }.Url(stack.RealmUrl));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [TestCase(null, "code", "invalid_request", "Missing parameter: response_type")]
    [TestCase("token", "code", "unauthorized_client", "Client is not allowed to initiate browser login with given response_type. Implicit flow is disabled for the client.")]
    [TestCase("code id_token", "code", "unauthorized_client", null)]
    [TestCase("device_code", "code", "unsupported_response_type", "Unsupported response_type")]
    [TestCase("code", "web_message", "invalid_request", "Invalid parameter: response_mode")]
    public async Task Bad_request_after_a_valid_redirect_uri_goes_back_as_an_oauth_error(string? responseType, string mode, string error, string? description)
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        var request = new AuthRequest { ResponseType = responseType, ResponseMode = mode == "code" ? null : mode };

        var response = await browser.GetAsync(request.Url(stack.RealmUrl));

        response.StatusCode.Should().Be(HttpStatusCode.Found);
        response.Headers.Location!.GetLeftPart(UriPartial.Path).Should().Be(request.RedirectUri);
        var parameters = BrokerBrowser.Parameters(response);
        parameters["error"].Should().Be(error);
        parameters["state"].Should().Be(request.State);
        parameters["iss"].Should().Be(stack.RealmUrl);
        if (description is not null)
        {
            parameters["error_description"].Should().Be(description);
        }
    }

    [TestCase("openid bogus", "invalid_scope")]
    [TestCase("openid offline_access", "invalid_scope")]
    public async Task Unknown_scope_is_invalid_scope(string scope, string error)
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();

        var response = await browser.GetAsync(new AuthRequest { Scope = scope }.Url(stack.RealmUrl));

        BrokerBrowser.Parameters(response)["error"].Should().Be(error);
    }

    [Test]
    public async Task Client_that_requires_S256_refuses_a_request_without_pkce()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();

        var response = await browser.GetAsync(new AuthRequest { ClientId = "pbench-client-pkce", CodeVerifier = null }.Url(stack.RealmUrl));

        var parameters = BrokerBrowser.Parameters(response);
        parameters["error"].Should().Be("invalid_request");
        parameters["error_description"].Should().Be("Missing parameter: code_challenge");
    }

    [Test]
    public async Task Client_that_requires_S256_refuses_plain()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();

        var response = await browser.GetAsync(new AuthRequest { ClientId = "pbench-client-pkce", CodeChallengeMethod = "plain" }.Url(stack.RealmUrl));

        BrokerBrowser.Parameters(response)["error"].Should().Be("invalid_request");
    }

    [Test]
    public async Task Client_that_requires_S256_accepts_S256()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();

        var response = await browser.GetAsync(new AuthRequest { ClientId = "pbench-client-pkce" }.Url(stack.RealmUrl));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [TestCase("S256", "tooshort")]
    [TestCase("plain", "has spaces in it and is long enough to pass the length check")]
    [TestCase("S384", null)]
    public async Task Malformed_pkce_challenge_is_invalid_request(string method, string? challenge)
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        var request = new AuthRequest { CodeVerifier = null, Extra = new Dictionary<string, string> { ["code_challenge_method"] = method, ["code_challenge"] = challenge ?? new string('a', 43) } };

        var response = await browser.GetAsync(request.Url(stack.RealmUrl));

        BrokerBrowser.Parameters(response)["error"].Should().Be("invalid_request");
    }

    [Test]
    public async Task Prompt_none_without_a_session_answers_login_required_in_the_fragment()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        var request = new AuthRequest { ResponseMode = "fragment", Extra = new Dictionary<string, string> { ["prompt"] = "none" } };

        var response = await browser.GetAsync(request.Url(stack.RealmUrl));

        response.StatusCode.Should().Be(HttpStatusCode.Found);
        response.Headers.Location!.Query.Should().BeEmpty();
        var parameters = BrokerBrowser.Parameters(response);
        parameters["error"].Should().Be("login_required");
        parameters["state"].Should().Be(request.State);
        parameters["iss"].Should().Be(stack.RealmUrl);
    }

    [Test]
    public async Task Prompt_none_with_a_session_answers_a_code_at_once()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        var first = await browser.LoginAsync(new AuthRequest());
        var again = new AuthRequest { Extra = new Dictionary<string, string> { ["prompt"] = "none" } };

        var response = await browser.GetAsync(again.Url(stack.RealmUrl));

        var parameters = BrokerBrowser.Parameters(response);
        parameters.Should().ContainKey("code");
        parameters["session_state"].Should().Be(first["session_state"]);
        parameters["state"].Should().Be(again.State);
    }

    [Test]
    public async Task Session_answers_a_new_request_without_a_login_page_with_acr_0()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        await browser.LoginAsync(new AuthRequest());
        var request = new AuthRequest();

        var response = await browser.GetAsync(request.Url(stack.RealmUrl));

        var parameters = BrokerBrowser.Parameters(response);
        parameters.Should().ContainKey("code");
        var tokens = await browser.ExchangeAsync(request, parameters["code"]);
        Jwt.Text(Jwt.Payload(tokens["access_token"]!.GetValue<string>()), "acr").Should().Be("0", "Keycloak's acr for an SSO cookie login");
    }

    [Test]
    public async Task Prompt_login_shows_the_login_page_despite_a_session()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        await browser.LoginAsync(new AuthRequest());

        var response = await browser.GetAsync(new AuthRequest { Extra = new Dictionary<string, string> { ["prompt"] = "login" } }.Url(stack.RealmUrl));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("kc-form-login");
    }

    [Test]
    public async Task Kc_idp_hint_skips_the_login_page_and_goes_to_the_identity_provider()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        var request = new AuthRequest { Extra = new Dictionary<string, string> { ["kc_idp_hint"] = "mockidp" } };

        var hop = await browser.GetAsync(request.Url(stack.RealmUrl));
        hop.StatusCode.Should().Be(HttpStatusCode.Found);
        hop.Headers.Location!.ToString().Should().StartWith($"{stack.RealmUrl}/broker/mockidp/login?");
        var toIdp = await browser.GetAsync(hop.Headers.Location!.ToString());
        var answer = await browser.FollowUpstreamAsync(toIdp);

        BrokerBrowser.Parameters(answer)["state"].Should().Be(request.State);
    }

    [Test]
    public async Task Max_age_older_than_the_session_asks_for_a_login_again()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        await browser.LoginAsync(new AuthRequest());
        stack.Clock.Advance(TimeSpan.FromMinutes(2));

        var response = await browser.GetAsync(new AuthRequest { Extra = new Dictionary<string, string> { ["max_age"] = "60", ["prompt"] = "none" } }.Url(stack.RealmUrl));

        BrokerBrowser.Parameters(response)["error"].Should().Be("login_required");
    }
}
