using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.MockBroker.Tests.Support;

namespace PbenchAuthSpec.MockBroker.Tests;

/// <summary>
/// RFC 7662 introspection and RFC 7009 revocation as Keycloak answers them. Keycloak:
/// services/src/main/java/org/keycloak/protocol/oidc/endpoints/TokenIntrospectionEndpoint.java and TokenRevocationEndpoint.java.
/// </summary>
public sealed class IntrospectionRevocationTests
{
    private static readonly AuthenticationHeaderValue Automation = new("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("pbench-automation:pbench-automation-secret")));

    [Test]
    public async Task An_active_access_token_introspects_to_its_claims_with_client_id_username_and_token_type()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        var tokens = await TokenEndpointTests.Password(stack, "bob", "bob-password");

        var response = await IntrospectAsync(browser, stack, tokens["access_token"]!.GetValue<string>());
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body["active"]!.GetValue<bool>().Should().BeTrue();
        body["client_id"]!.GetValue<string>().Should().Be("pbench-client");
        body["username"]!.GetValue<string>().Should().Be("bob");
        body["token_type"]!.GetValue<string>().Should().Be("Bearer");
        body["sub"]!.GetValue<string>().Should().Be(Jwt.Payload(tokens["access_token"]!.GetValue<string>())["sub"]!.GetValue<string>());
        body["exp"]!.GetValue<long>().Should().BeGreaterThan(stack.Clock.GetUtcNow().ToUnixTimeSeconds());
    }

    [Test]
    public async Task Expired_tampered_and_logged_out_tokens_introspect_as_inactive()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        var expired = (await TokenEndpointTests.Password(stack, "bob", "bob-password"))["access_token"]!.GetValue<string>();
        stack.Clock.Advance(TimeSpan.FromMinutes(6));
        var live = await TokenEndpointTests.Password(stack, "bob", "bob-password");
        var access = live["access_token"]!.GetValue<string>();
        var tampered = access[..^6] + (access[^6..] == "AAAAAA" ? "BBBBBB" : "AAAAAA");

        var answers = new List<JsonObject>();
        foreach (var token in new[] { expired, tampered, "garbage" })
        {
            answers.Add((await (await IntrospectAsync(browser, stack, token)).Content.ReadFromJsonAsync<JsonObject>())!);
        }

        await browser.PostFormAsync($"{stack.RealmUrl}/protocol/openid-connect/logout", new Dictionary<string, string> { ["client_id"] = "pbench-client", ["refresh_token"] = live["refresh_token"]!.GetValue<string>() });
        answers.Add((await (await IntrospectAsync(browser, stack, access)).Content.ReadFromJsonAsync<JsonObject>())!);

        answers.Should().AllSatisfy(a => a.ToJsonString().Should().Be("""{"active":false}"""));
    }

    [TestCase(null, HttpStatusCode.Unauthorized)]
    [TestCase("public", HttpStatusCode.Forbidden)]
    public async Task Introspection_needs_an_authenticated_confidential_client(string? caller, HttpStatusCode status)
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var http = new HttpClient();
        var token = (await TokenEndpointTests.Password(stack, "bob", "bob-password"))["access_token"]!.GetValue<string>();
        var form = new Dictionary<string, string> { ["token"] = token, ["client_id"] = caller is null ? "pbench-automation" : "pbench-client" };
        if (caller is null)
        {
            form["client_secret"] = "wrong";
        }

        var response = await http.PostAsync(new Uri($"{stack.RealmUrl}/protocol/openid-connect/token/introspect"), new FormUrlEncodedContent(form));

        response.StatusCode.Should().Be(status);
    }

    [Test]
    public async Task Revoking_a_refresh_token_ends_the_clients_session_and_the_refresh_token_then_fails()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        var tokens = await TokenEndpointTests.Password(stack, "bob", "bob-password");

        var revoked = await RevokeAsync(browser, stack, "pbench-client", tokens["refresh_token"]!.GetValue<string>(), "refresh_token");
        var refresh = await TokenEndpointTests.Refresh(browser, stack, tokens);
        var introspected = (await (await IntrospectAsync(browser, stack, tokens["access_token"]!.GetValue<string>())).Content.ReadFromJsonAsync<JsonObject>())!;

        revoked.StatusCode.Should().Be(HttpStatusCode.OK);
        (await revoked.Content.ReadAsStringAsync()).Should().BeEmpty();
        await TokenEndpointTests.ExpectError(refresh, HttpStatusCode.BadRequest, "invalid_grant");
        introspected["active"]!.GetValue<bool>().Should().BeFalse("the session the access token belongs to is gone");
    }

    [Test]
    public async Task Revoking_an_access_token_makes_it_inactive_while_the_refresh_token_still_works()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        var tokens = await TokenEndpointTests.Password(stack, "bob", "bob-password");
        var access = tokens["access_token"]!.GetValue<string>();

        var revoked = await RevokeAsync(browser, stack, "pbench-client", access, "access_token");
        var introspected = (await (await IntrospectAsync(browser, stack, access)).Content.ReadFromJsonAsync<JsonObject>())!;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{stack.RealmUrl}/protocol/openid-connect/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access);
        var userinfo = await browser.Http.SendAsync(request);

        revoked.StatusCode.Should().Be(HttpStatusCode.OK);
        introspected["active"]!.GetValue<bool>().Should().BeFalse();
        userinfo.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await TokenEndpointTests.Refresh(browser, stack, tokens)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Revocation_answers_an_invalid_token_with_200_and_another_clients_token_with_400()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        var tokens = await TokenEndpointTests.Password(stack, "bob", "bob-password");

        var garbage = await RevokeAsync(browser, stack, "pbench-client", "garbage", null);
        var missing = await browser.PostFormAsync($"{stack.RealmUrl}/protocol/openid-connect/revoke", new Dictionary<string, string> { ["client_id"] = "pbench-client" });
        var foreign = await RevokeAsync(browser, stack, "pbench-client-pkce", tokens["refresh_token"]!.GetValue<string>(), null);
        var idToken = await RevokeAsync(browser, stack, "pbench-client", tokens["id_token"]!.GetValue<string>(), null);

        garbage.StatusCode.Should().Be(HttpStatusCode.OK, "RFC 7009 §2.2: an invalid token is no error for the client");
        (await garbage.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.GetValue<string>().Should().Be("invalid_token");
        await TokenEndpointTests.ExpectError(missing, HttpStatusCode.BadRequest, "invalid_request");
        await TokenEndpointTests.ExpectError(foreign, HttpStatusCode.BadRequest, "invalid_request");
        await TokenEndpointTests.ExpectError(idToken, HttpStatusCode.BadRequest, "unsupported_token_type");
        (await TokenEndpointTests.Refresh(browser, stack, tokens)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Discovery_advertises_introspection_and_revocation()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var http = new HttpClient();

        var discovery = (await http.GetFromJsonAsync<JsonObject>($"{stack.RealmUrl}/.well-known/openid-configuration"))!;

        discovery["introspection_endpoint"]!.GetValue<string>().Should().Be($"{stack.RealmUrl}/protocol/openid-connect/token/introspect");
        discovery["revocation_endpoint"]!.GetValue<string>().Should().Be($"{stack.RealmUrl}/protocol/openid-connect/revoke");
    }

    private static async Task<HttpResponseMessage> IntrospectAsync(BrokerBrowser browser, BrokerTestStack stack, string token) =>
        await browser.PostFormAsync($"{stack.RealmUrl}/protocol/openid-connect/token/introspect", new Dictionary<string, string> { ["token"] = token }, authorization: Automation);

    private static Task<HttpResponseMessage> RevokeAsync(BrokerBrowser browser, BrokerTestStack stack, string clientId, string token, string? hint)
    {
        var form = new Dictionary<string, string> { ["client_id"] = clientId, ["token"] = token };
        if (hint is not null)
        {
            form["token_type_hint"] = hint;
        }

        return browser.PostFormAsync($"{stack.RealmUrl}/protocol/openid-connect/revoke", form);
    }
}
