using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.MockBroker.Tests.Support;

namespace PbenchAuthSpec.MockBroker.Tests;

public sealed class TokenEndpointTests
{
    [Test]
    public async Task Code_exchange_answers_exactly_keycloaks_fields_uncached()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        var request = new AuthRequest();
        var code = (await browser.LoginAsync(request))["code"];

        var response = await browser.PostFormAsync(stack.TokenUrl, request.TokenForm(code));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        body.Select(p => p.Key).Should().Equal("access_token", "expires_in", "refresh_expires_in", "refresh_token", "token_type", "id_token", "not-before-policy", "session_state", "scope");
        body["token_type"]!.GetValue<string>().Should().Be("Bearer");
        body["expires_in"]!.GetValue<long>().Should().Be(300);
        body["refresh_expires_in"]!.GetValue<long>().Should().Be(1800);
        body["scope"]!.GetValue<string>().Should().Be("openid email profile");
    }

    [Test]
    public async Task Access_token_carries_keycloaks_claims_and_verifies_with_the_jwks()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        var tokens = await browser.TokensAsync();
        var token = tokens["access_token"]!.GetValue<string>();

        var claims = Jwt.Payload(token);

        Jwt.Header(token)["alg"]!.GetValue<string>().Should().Be("RS256");
        Jwt.Header(token)["kid"]!.GetValue<string>().Should().Be(stack.Broker.SigningKey().Kid);
        Jwt.VerifiesRs256(token, stack.Broker.SigningKey().Rsa).Should().BeTrue();
        Jwt.Text(claims, "iss").Should().Be(stack.RealmUrl);
        claims["aud"]!.AsArray().Select(a => a!.GetValue<string>()).Should().Equal("pbench-server", "account");
        Jwt.Text(claims, "typ").Should().Be("Bearer");
        Jwt.Text(claims, "azp").Should().Be("pbench-client");
        Jwt.Text(claims, "sid").Should().Be(tokens["session_state"]!.GetValue<string>());
        Guid.TryParse(Jwt.Text(claims, "sub"), out _).Should().BeTrue();
        (Jwt.Number(claims, "exp") - Jwt.Number(claims, "iat")).Should().Be(300);
        Jwt.Number(claims, "iat").Should().Be(stack.Clock.GetUtcNow().ToUnixTimeSeconds());
        claims.Select(c => c.Key).Should().Contain(["auth_time", "jti", "acr", "allowed-origins", "realm_access", "resource_access", "scope", "email_verified", "name", "preferred_username", "given_name", "family_name", "email"]);
        claims.Should().NotContainKey("session_state", "Keycloak 25 and later drop it");
        claims["allowed-origins"]!.AsArray().Select(o => o!.GetValue<string>()).Should().Equal(BrokerTestStack.Target);
    }

    [Test]
    public async Task Id_token_has_the_nonce_at_hash_and_the_client_as_audience()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        var request = new AuthRequest();
        var tokens = await browser.TokensAsync(request);
        var access = tokens["access_token"]!.GetValue<string>();

        var claims = Jwt.Payload(tokens["id_token"]!.GetValue<string>());

        Jwt.Text(claims, "nonce").Should().Be(request.Nonce);
        Jwt.Text(claims, "aud").Should().Be("pbench-client");
        Jwt.Text(claims, "typ").Should().Be("ID");
        Jwt.Text(claims, "sub").Should().Be(Jwt.Text(Jwt.Payload(access), "sub"));
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(access));
        Jwt.Text(claims, "at_hash").Should().Be(System.Buffers.Text.Base64Url.EncodeToString(hash.AsSpan(0, 16)));
    }

    [Test]
    public async Task Refresh_token_is_a_keycloak_style_hs512_jwt_of_type_refresh()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();

        var refresh = (await browser.TokensAsync())["refresh_token"]!.GetValue<string>();

        Jwt.Header(refresh)["alg"]!.GetValue<string>().Should().Be("HS512");
        var claims = Jwt.Payload(refresh);
        Jwt.Text(claims, "typ").Should().Be("Refresh");
        Jwt.Text(claims, "aud").Should().Be(stack.RealmUrl);
        (Jwt.Number(claims, "exp") - Jwt.Number(claims, "iat")).Should().Be(1800);
    }

    [Test]
    public async Task Keycloak_24_adds_the_session_state_claim()
    {
        await using var stack = await BrokerTestStack.StartAsync(o => o with { KeycloakVersion = 24 });
        using var browser = stack.NewBrowser();

        var tokens = await browser.TokensAsync();

        Jwt.Text(Jwt.Payload(tokens["access_token"]!.GetValue<string>()), "session_state").Should().Be(tokens["session_state"]!.GetValue<string>());
    }

    [Test]
    public async Task Code_works_once_and_its_replay_revokes_the_refresh_token()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        var request = new AuthRequest();
        var code = (await browser.LoginAsync(request))["code"];
        var tokens = await browser.ExchangeAsync(request, code);
        stack.Clock.Advance(TimeSpan.FromSeconds(1));

        var replay = await browser.PostFormAsync(stack.TokenUrl, request.TokenForm(code));
        var refresh = await Refresh(browser, stack, tokens);

        await ExpectError(replay, HttpStatusCode.BadRequest, "invalid_grant");
        await ExpectError(refresh, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Test]
    public async Task Expired_code_is_refused_with_invalid_grant()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        var request = new AuthRequest();
        var code = (await browser.LoginAsync(request))["code"];
        stack.Clock.Advance(TimeSpan.FromSeconds(61));

        await ExpectError(await browser.PostFormAsync(stack.TokenUrl, request.TokenForm(code)), HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Test]
    public async Task Code_lifespan_set_by_the_test_hook_applies()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        stack.Broker.SetLifetimes("pbench-server", code: TimeSpan.FromSeconds(5));
        using var browser = stack.NewBrowser();
        var request = new AuthRequest();
        var code = (await browser.LoginAsync(request))["code"];
        stack.Clock.Advance(TimeSpan.FromSeconds(6));

        await ExpectError(await browser.PostFormAsync(stack.TokenUrl, request.TokenForm(code)), HttpStatusCode.BadRequest, "invalid_grant");
    }

    public static IEnumerable<TestCaseData> BadExchanges()
    {
        yield return new TestCaseData((Func<Dictionary<string, string>, Dictionary<string, string>>)(f => With(f, "redirect_uri", $"{BrokerTestStack.Target}/dashboard/other"))).SetName("Code_with_another_redirect_uri_is_refused");
        yield return new TestCaseData((Func<Dictionary<string, string>, Dictionary<string, string>>)(f => Without(f, "redirect_uri"))).SetName("Code_without_the_redirect_uri_it_was_issued_for_is_refused");
        yield return new TestCaseData((Func<Dictionary<string, string>, Dictionary<string, string>>)(f => With(f, "code_verifier", new string('x', 64)))).SetName("Code_with_the_wrong_pkce_verifier_is_refused");
        yield return new TestCaseData((Func<Dictionary<string, string>, Dictionary<string, string>>)(f => Without(f, "code_verifier"))).SetName("Code_without_its_pkce_verifier_is_refused");
        yield return new TestCaseData((Func<Dictionary<string, string>, Dictionary<string, string>>)(f => With(f, "code_verifier", "short"))).SetName("Code_with_a_malformed_pkce_verifier_is_refused");
        yield return new TestCaseData((Func<Dictionary<string, string>, Dictionary<string, string>>)(f => With(f, "client_id", "pbench-client-pkce"))).SetName("Code_redeemed_by_another_client_is_refused");
    }

    [TestCaseSource(nameof(BadExchanges))]
    public async Task Bad_code_exchange_is_invalid_grant(Func<Dictionary<string, string>, Dictionary<string, string>> spoil)
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        var request = new AuthRequest();
        var code = (await browser.LoginAsync(request))["code"];

        await ExpectError(await browser.PostFormAsync(stack.TokenUrl, spoil(request.TokenForm(code))), HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Test]
    public async Task Plain_pkce_is_verified_when_the_client_allows_it()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        var request = new AuthRequest { CodeChallengeMethod = "plain" };

        var tokens = await browser.TokensAsync(request);

        tokens.Should().ContainKey("access_token");
    }

    [Test]
    public async Task Refresh_gives_new_tokens_for_the_same_session()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        var tokens = await browser.TokensAsync();
        stack.Clock.Advance(TimeSpan.FromSeconds(30));

        var response = await Refresh(browser, stack, tokens);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var refreshed = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        refreshed["access_token"]!.GetValue<string>().Should().NotBe(tokens["access_token"]!.GetValue<string>());
        refreshed["session_state"]!.GetValue<string>().Should().Be(tokens["session_state"]!.GetValue<string>());
        Jwt.Number(Jwt.Payload(refreshed["access_token"]!.GetValue<string>()), "iat").Should().Be(stack.Clock.GetUtcNow().ToUnixTimeSeconds());
        (await Refresh(browser, stack, tokens)).StatusCode.Should().Be(HttpStatusCode.OK, "without rotation a refresh token may be used again");
    }

    [Test]
    public async Task With_rotation_a_used_refresh_token_is_refused()
    {
        using var fixture = TempFixture.WithRefreshRotation();
        await using var stack = await BrokerTestStack.StartAsync(o => o with { FixtureFile = fixture.Path });
        using var browser = stack.NewBrowser();
        var tokens = await browser.TokensAsync();
        var first = await Refresh(browser, stack, tokens);
        var rotated = (await first.Content.ReadFromJsonAsync<JsonObject>())!;

        var reuse = await Refresh(browser, stack, tokens);
        var next = await Refresh(browser, stack, rotated);

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        await ExpectError(reuse, HttpStatusCode.BadRequest, "invalid_grant");
        next.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Refresh_token_expires_when_the_session_is_idle_too_long()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        var tokens = await browser.TokensAsync();
        stack.Clock.Advance(TimeSpan.FromSeconds(1801));

        await ExpectError(await Refresh(browser, stack, tokens), HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Test]
    public async Task Refresh_token_of_another_client_is_refused()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        var tokens = await browser.TokensAsync();

        var response = await browser.PostFormAsync(stack.TokenUrl, new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["client_id"] = "pbench-client-pkce", ["refresh_token"] = tokens["refresh_token"]!.GetValue<string>(),
        });

        await ExpectError(response, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Test]
    public async Task Access_token_lifetime_set_by_the_test_hook_shows_in_exp_and_expires_in()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        stack.Broker.SetLifetimes("pbench-server", accessToken: TimeSpan.FromSeconds(42), refreshToken: TimeSpan.FromSeconds(99));

        var tokens = await Password(stack, "bob", "bob-password");

        tokens["expires_in"]!.GetValue<long>().Should().Be(42);
        tokens["refresh_expires_in"]!.GetValue<long>().Should().Be(99);
        var claims = Jwt.Payload(tokens["access_token"]!.GetValue<string>());
        (Jwt.Number(claims, "exp") - Jwt.Number(claims, "iat")).Should().Be(42);
    }

    [Test]
    public async Task Password_grant_logs_in_a_local_user_with_pbench_roles()
    {
        await using var stack = await BrokerTestStack.StartAsync();

        var tokens = await Password(stack, "admin", "admin-password");

        var claims = Jwt.Payload(tokens["access_token"]!.GetValue<string>());
        Jwt.Text(claims, "preferred_username").Should().Be("admin");
        Jwt.Text(claims, "sub").Should().Be("b94aa0e7-9c0d-4974-b9f2-7d61397b48a7");
        claims["resource_access"]!["pbench-server"]!["roles"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Equal("ADMIN");
        tokens.Should().ContainKey("id_token");
    }

    [TestCase("bob", "wrong")]
    [TestCase("alice", "alice-password")]
    [TestCase("nobody", "x")]
    public async Task Password_grant_with_bad_credentials_is_401_invalid_grant_as_keycloak_answers(string username, string password)
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var http = new HttpClient();

        var response = await http.PostAsync(new Uri(stack.TokenUrl), Form(("grant_type", "password"), ("client_id", "pbench-client"), ("username", username), ("password", password)));

        await ExpectError(response, HttpStatusCode.Unauthorized, "invalid_grant");
    }

    [Test]
    public async Task Password_grant_is_refused_for_a_client_without_direct_access_grants()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var http = new HttpClient();

        var response = await http.PostAsync(new Uri(stack.TokenUrl), Form(("grant_type", "password"), ("client_id", "pbench-client-pkce"), ("username", "bob"), ("password", "bob-password")));

        await ExpectError(response, HttpStatusCode.BadRequest, "unauthorized_client");
    }

    [Test]
    public async Task Client_credentials_gives_a_confidential_client_a_service_account_token_without_refresh()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, stack.TokenUrl) { Content = Form(("grant_type", "client_credentials")) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("pbench-automation:pbench-automation-secret")));

        var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        body.Should().NotContainKey("refresh_token").And.NotContainKey("id_token");
        body["refresh_expires_in"]!.GetValue<long>().Should().Be(0);
        var claims = Jwt.Payload(body["access_token"]!.GetValue<string>());
        Jwt.Text(claims, "preferred_username").Should().Be("service-account-pbench-automation");
        Jwt.Text(claims, "azp").Should().Be("pbench-automation");
        claims["aud"]!.AsArray().Select(a => a!.GetValue<string>()).Should().Contain("pbench-server");
    }

    [TestCase("", "email profile")]
    [TestCase("openid", "openid email profile")]
    [TestCase("phone  email openid address", "openid address email phone profile")]
    [TestCase("microprofile-jwt profile roles", "email microprofile-jwt profile")]
    [TestCase("address phone microprofile-jwt openid web-origins", "openid address email microprofile-jwt phone profile")]
    public async Task Token_scope_is_openid_first_then_the_granted_scopes_sorted(string requested, string granted)
    {
        await using var stack = await BrokerTestStack.StartAsync();

        var body = await Password(stack, "bob", "bob-password", requested);

        body["scope"]!.GetValue<string>().Should().Be(granted);
    }

    [TestCase("pbench-automation", "wrong-secret", HttpStatusCode.Unauthorized, "unauthorized_client")]
    [TestCase("pbench-client", null, HttpStatusCode.BadRequest, "unauthorized_client")]
    [TestCase("nobody", "x", HttpStatusCode.Unauthorized, "invalid_client")]
    public async Task Client_credentials_needs_an_authenticated_confidential_client(string clientId, string? secret, HttpStatusCode status, string error)
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var http = new HttpClient();
        var form = new List<(string, string)> { ("grant_type", "client_credentials"), ("client_id", clientId) };
        if (secret is not null)
        {
            form.Add(("client_secret", secret));
        }

        await ExpectError(await http.PostAsync(new Uri(stack.TokenUrl), Form([.. form])), status, error);
    }

    [Test]
    public async Task Token_in_another_realm_is_signed_by_that_realms_own_key()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var http = new HttpClient();

        var response = await http.PostAsync(new Uri(stack.Broker.RealmUrl("other-realm") + "/protocol/openid-connect/token"), Form(("grant_type", "password"), ("client_id", "pbench-client"), ("username", "alice"), ("password", "alice-password")));

        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
        Jwt.Text(Jwt.Payload(token), "iss").Should().Be(stack.Broker.RealmUrl("other-realm"));
        Jwt.Header(token)["kid"]!.GetValue<string>().Should().Be(stack.Broker.SigningKey("other-realm").Kid).And.NotBe(stack.Broker.SigningKey().Kid);
    }

    internal static async Task<JsonObject> Password(BrokerTestStack stack, string username, string password, string scope = "openid profile email")
    {
        using var http = new HttpClient();
        var response = await http.PostAsync(new Uri(stack.TokenUrl), Form(("grant_type", "password"), ("client_id", "pbench-client"), ("username", username), ("password", password), ("scope", scope)));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    internal static Task<HttpResponseMessage> Refresh(BrokerBrowser browser, BrokerTestStack stack, JsonObject tokens) =>
        browser.PostFormAsync(stack.TokenUrl, new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["client_id"] = "pbench-client", ["refresh_token"] = tokens["refresh_token"]!.GetValue<string>(),
        });

    internal static async Task ExpectError(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, text);
        var body = JsonNode.Parse(text)!.AsObject();
        body["error"]!.GetValue<string>().Should().Be(error, text);
        body["error_description"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
    }

    internal static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    private static Dictionary<string, string> With(Dictionary<string, string> form, string name, string value) => new(form) { [name] = value };

    private static Dictionary<string, string> Without(Dictionary<string, string> form, string name) => form.Where(f => f.Key != name).ToDictionary();
}
