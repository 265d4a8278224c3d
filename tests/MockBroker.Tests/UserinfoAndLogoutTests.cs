using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.MockBroker.Tests.Support;

namespace PbenchAuthSpec.MockBroker.Tests;

public sealed class UserinfoAndLogoutTests
{
    [Test]
    public async Task Userinfo_answers_the_profile_for_a_valid_access_token()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        var tokens = await TokenEndpointTests.Password(stack, "bob", "bob-password");

        var response = await Userinfo(stack, tokens["access_token"]!.GetValue<string>());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        body["sub"]!.GetValue<string>().Should().Be("d9a92690-4d47-4300-a02c-4ffe0ed579f8");
        body["preferred_username"]!.GetValue<string>().Should().Be("bob");
        body["email"]!.GetValue<string>().Should().Be("bob@example.com");
    }

    [TestCase(null)]
    [TestCase("garbage")]
    [TestCase("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")]
    public async Task Userinfo_without_a_valid_token_is_401_with_a_bearer_challenge(string? token)
    {
        await using var stack = await BrokerTestStack.StartAsync();

        var response = await Userinfo(stack, token);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Should().ContainSingle().Which.Scheme.Should().Be("Bearer");
        (await response.Content.ReadFromJsonAsync<JsonObject>())!.Should().ContainKeys("error", "error_description");
    }

    [Test]
    public async Task Userinfo_refuses_an_expired_access_token()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        var tokens = await TokenEndpointTests.Password(stack, "bob", "bob-password");
        stack.Clock.Advance(TimeSpan.FromSeconds(301));

        (await Userinfo(stack, tokens["access_token"]!.GetValue<string>())).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Userinfo_refuses_a_token_of_another_realm()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        var tokens = await TokenEndpointTests.Password(stack, "bob", "bob-password");

        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, stack.Broker.RealmUrl("other-realm") + "/protocol/openid-connect/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens["access_token"]!.GetValue<string>());

        (await http.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Front_channel_logout_redirects_with_state_and_ends_the_session()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        var tokens = await browser.TokensAsync();
        var redirect = $"{BrokerTestStack.Target}/dashboard/";
        var url = $"{stack.RealmUrl}/protocol/openid-connect/logout?id_token_hint={tokens["id_token"]}&post_logout_redirect_uri={Uri.EscapeDataString(redirect)}&state=bye";

        var response = await browser.GetAsync(url);

        response.StatusCode.Should().Be(HttpStatusCode.Found);
        response.Headers.Location!.ToString().Should().Be($"{redirect}?state=bye");
        response.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith("KEYCLOAK_SESSION=;", StringComparison.Ordinal));
        await TokenEndpointTests.ExpectError(await TokenEndpointTests.Refresh(browser, stack, tokens), HttpStatusCode.BadRequest, "invalid_grant");
        (await Userinfo(stack, tokens["access_token"]!.GetValue<string>())).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var prompt = await browser.GetAsync(new AuthRequest { Extra = new Dictionary<string, string> { ["prompt"] = "none" } }.Url(stack.RealmUrl));
        BrokerBrowser.Parameters(prompt)["error"].Should().Be("login_required");
    }

    [TestCase("http://evil.example/")]
    [TestCase("http://dashboard.invalid/elsewhere")]
    public async Task Logout_never_redirects_to_an_unregistered_uri(string redirect)
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        var tokens = await browser.TokensAsync();

        var response = await browser.GetAsync($"{stack.RealmUrl}/protocol/openid-connect/logout?id_token_hint={tokens["id_token"]}&post_logout_redirect_uri={Uri.EscapeDataString(redirect)}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Location.Should().BeNull();
        (await TokenEndpointTests.Refresh(browser, stack, tokens)).StatusCode.Should().Be(HttpStatusCode.OK, "a refused logout ends nothing");
    }

    [Test]
    public async Task Logout_with_a_redirect_needs_a_client()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();

        var response = await browser.GetAsync($"{stack.RealmUrl}/protocol/openid-connect/logout?post_logout_redirect_uri={Uri.EscapeDataString(BrokerTestStack.Target + "/dashboard/")}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Location.Should().BeNull();
    }

    [Test]
    public async Task Logout_with_a_forged_id_token_hint_is_refused()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        var tokens = await browser.TokensAsync();
        var idToken = tokens["id_token"]!.GetValue<string>();

        var response = await browser.GetAsync($"{stack.RealmUrl}/protocol/openid-connect/logout?id_token_hint={idToken[..^4]}AAAA", accept: "application/json");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["error_description"]!.GetValue<string>().Should().Be("Invalid parameter: id_token_hint");
    }

    [Test]
    public async Task Logout_without_a_hint_asks_for_confirmation_then_logs_out()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        var tokens = await browser.TokensAsync();
        var logout = $"{stack.RealmUrl}/protocol/openid-connect/logout";

        var page = await browser.GetAsync(logout);
        var html = await page.Content.ReadAsStringAsync();
        var forged = await browser.PostFormAsync($"{logout}/logout-confirm", new Dictionary<string, string> { ["session_code"] = "forged" });
        var code = System.Text.RegularExpressions.Regex.Match(html, "name=\"session_code\" value=\"([^\"]+)\"").Groups[1].Value;
        using var thief = stack.NewBrowser();
        var stolen = await thief.PostFormAsync($"{logout}/logout-confirm", new Dictionary<string, string> { ["session_code"] = code });
        var confirmed = await browser.PostFormAsync($"{logout}/logout-confirm", new Dictionary<string, string> { ["session_code"] = code });

        html.Should().Contain("id=\"kc-logout\"");
        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a forged confirmation logs nobody out");
        (await forged.Content.ReadAsStringAsync()).Should().Contain("Logout failed");
        stolen.StatusCode.Should().Be(HttpStatusCode.BadRequest, "the code is bound to the browser's AUTH_SESSION_ID cookie");
        confirmed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await confirmed.Content.ReadAsStringAsync()).Should().Contain("You are logged out");
        await TokenEndpointTests.ExpectError(await TokenEndpointTests.Refresh(browser, stack, tokens), HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Test]
    public async Task Back_channel_logout_with_refresh_token_and_client_id_answers_204_and_kills_the_refresh_token()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        var tokens = await TokenEndpointTests.Password(stack, "bob", "bob-password");

        var response = await browser.PostFormAsync($"{stack.RealmUrl}/protocol/openid-connect/logout", new Dictionary<string, string>
        {
            ["client_id"] = "pbench-client", ["refresh_token"] = tokens["refresh_token"]!.GetValue<string>(),
        });

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        await TokenEndpointTests.ExpectError(await TokenEndpointTests.Refresh(browser, stack, tokens), HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Test]
    public async Task Back_channel_logout_with_a_bad_refresh_token_is_invalid_grant()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();

        var response = await browser.PostFormAsync($"{stack.RealmUrl}/protocol/openid-connect/logout", new Dictionary<string, string>
        {
            ["client_id"] = "pbench-client", ["refresh_token"] = "not.a.token",
        });

        await TokenEndpointTests.ExpectError(response, HttpStatusCode.BadRequest, "invalid_grant");
    }

    internal static async Task<HttpResponseMessage> Userinfo(BrokerTestStack stack, string? token)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{stack.RealmUrl}/protocol/openid-connect/userinfo");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await http.SendAsync(request);
    }
}
