using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.MockBroker.Tests.Support;

namespace PbenchAuthSpec.MockBroker.Tests;

/// <summary>Keycloak's exact refusals at the token, userinfo and logout endpoints.</summary>
public sealed class KeycloakErrorTests
{
    // Keycloak: services/src/main/java/org/keycloak/authentication/authenticators/client/ClientIdAndSecretAuthenticator.java
    [TestCase("client_id=pbench-automation&client_secret=wrong", HttpStatusCode.Unauthorized, "unauthorized_client", "Invalid client or Invalid client credentials")]
    [TestCase("client_id=pbench-automation", HttpStatusCode.Unauthorized, "unauthorized_client", "Invalid client or Invalid client credentials")]
    [TestCase("client_id=nobody&client_secret=x", HttpStatusCode.Unauthorized, "invalid_client", "Invalid client or Invalid client credentials")]
    [TestCase("client_secret=x", HttpStatusCode.BadRequest, "invalid_client", "Missing client_id parameter")]
    public async Task Client_authentication_failures_get_Keycloaks_error_and_status(string credentials, HttpStatusCode status, string error, string description)
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var http = new HttpClient();

        var response = await http.PostAsync(new Uri(stack.TokenUrl), new StringContent($"grant_type=client_credentials&{credentials}", Encoding.ASCII, "application/x-www-form-urlencoded"));

        await TokenEndpointTests.ExpectError(response, status, error);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["error_description"]!.GetValue<string>().Should().Be(description);
    }

    [Test]
    public async Task Wrong_secret_over_basic_also_gets_a_basic_challenge()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, stack.TokenUrl) { Content = new StringContent("grant_type=client_credentials", Encoding.ASCII, "application/x-www-form-urlencoded") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("pbench-automation:wrong")));

        var response = await http.SendAsync(request);

        await TokenEndpointTests.ExpectError(response, HttpStatusCode.Unauthorized, "unauthorized_client");
        response.Headers.WwwAuthenticate.ToString().Should().StartWith("Basic");
    }

    // Keycloak: authentication/authenticators/directgrant/ValidateUsername.java and ValidatePassword.java
    [TestCase("password=bob-password", HttpStatusCode.Unauthorized, "invalid_request", "Missing parameter: username")]
    [TestCase("username=bob", HttpStatusCode.Unauthorized, "invalid_grant", "Invalid user credentials")]
    [TestCase("username=bob&password=wrong", HttpStatusCode.Unauthorized, "invalid_grant", "Invalid user credentials")]
    [TestCase("username=nobody&password=x", HttpStatusCode.Unauthorized, "invalid_grant", "Invalid user credentials")]
    public async Task Password_grant_failures_get_Keycloaks_error_and_status(string credentials, HttpStatusCode status, string error, string description)
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var http = new HttpClient();

        var response = await http.PostAsync(new Uri(stack.TokenUrl), new StringContent($"grant_type=password&client_id=pbench-client&{credentials}", Encoding.ASCII, "application/x-www-form-urlencoded"));

        await TokenEndpointTests.ExpectError(response, status, error);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["error_description"]!.GetValue<string>().Should().Be(description);
    }

    // Keycloak 20+: services/src/main/java/org/keycloak/protocol/oidc/endpoints/UserInfoEndpoint.java
    [Test]
    public async Task Userinfo_refuses_a_token_without_the_openid_scope_with_403_insufficient_scope()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var http = new HttpClient();
        var plain = await TokenEndpointTests.Password(stack, "bob", "bob-password", scope: "profile");
        var oidc = await TokenEndpointTests.Password(stack, "bob", "bob-password", scope: "openid");

        var refused = await UserinfoAsync(http, stack, plain);
        var served = await UserinfoAsync(http, stack, oidc);

        await TokenEndpointTests.ExpectError(refused, HttpStatusCode.Forbidden, "insufficient_scope");
        refused.Headers.WwwAuthenticate.ToString().Should().Contain("error=\"insufficient_scope\"");
        served.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    // Keycloak 18+: protocol/oidc/endpoints/LogoutEndpoint.java refuses the legacy redirect_uri.
    [Test]
    public async Task Logout_with_the_legacy_redirect_uri_is_a_400_page()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        var tokens = await browser.TokensAsync();

        var response = await browser.GetAsync($"{stack.RealmUrl}/protocol/openid-connect/logout?redirect_uri={Uri.EscapeDataString(BrokerTestStack.Target + "/dashboard/")}");
        var json = await browser.GetAsync($"{stack.RealmUrl}/protocol/openid-connect/logout?redirect_uri=x", accept: "application/json");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Invalid parameter: redirect_uri");
        (await json.Content.ReadFromJsonAsync<JsonObject>())!["error_description"]!.GetValue<string>().Should().Be("Invalid parameter: redirect_uri");
        (await TokenEndpointTests.Refresh(browser, stack, tokens)).StatusCode.Should().Be(HttpStatusCode.OK, "the session is still alive");
    }

    // Keycloak: LogoutEndpoint shows logout-confirm.ftl whenever there is no id_token_hint, session or not.
    [Test]
    public async Task Logout_without_a_hint_and_without_a_session_still_asks_for_confirmation()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();

        var page = await browser.GetAsync($"{stack.RealmUrl}/protocol/openid-connect/logout");
        var html = await page.Content.ReadAsStringAsync();
        var code = System.Text.RegularExpressions.Regex.Match(html, "name=\"session_code\" value=\"([^\"]+)\"").Groups[1].Value;
        var confirmed = await browser.PostFormAsync($"{stack.RealmUrl}/protocol/openid-connect/logout/logout-confirm", new Dictionary<string, string> { ["session_code"] = code, ["confirmLogout"] = "Logout" });

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        html.Should().Contain($"action=\"{stack.RealmUrl}/protocol/openid-connect/logout/logout-confirm\"").And.Contain("id=\"kc-logout\"");
        confirmed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await confirmed.Content.ReadAsStringAsync()).Should().Contain("You are logged out");
    }

    private static async Task<HttpResponseMessage> UserinfoAsync(HttpClient http, BrokerTestStack stack, JsonObject tokens)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{stack.RealmUrl}/protocol/openid-connect/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens["access_token"]!.GetValue<string>());
        return await http.SendAsync(request);
    }
}
