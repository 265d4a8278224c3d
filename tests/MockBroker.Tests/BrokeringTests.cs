using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.MockBroker.Tests.Support;

namespace PbenchAuthSpec.MockBroker.Tests;

public sealed class BrokeringTests
{
    private const string AliceSub = "idp-4ab0c376-7991-40c9-8bbe-c1ae1fd49e88";

    [Test]
    public async Task Broker_login_sends_the_browser_to_the_idp_with_a_keycloak_style_request()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        var page = await browser.GetAsync(new AuthRequest().Url(stack.RealmUrl));
        var link = BrokerBrowser.SocialLink(await page.Content.ReadAsStringAsync());

        var response = await browser.GetAsync(link);

        response.StatusCode.Should().Be(HttpStatusCode.Found);
        response.Headers.Location!.GetLeftPart(UriPartial.Path).Should().Be($"{stack.Idp.BaseUrl}/authorize");
        var query = BrokerBrowser.Parameters(response);
        query["client_id"].Should().Be("pbench-broker");
        query["response_type"].Should().Be("code");
        query["redirect_uri"].Should().Be($"{stack.RealmUrl}/broker/mockidp/endpoint");
        query["scope"].Should().Be("openid profile email", "the fixture's defaultScope");
        query["nonce"].Should().NotBeNullOrEmpty();
        var tabId = link.Split("tab_id=")[1].Split('&')[0];
        query["state"].Split('.').Should().HaveCount(3).And.Subject.Skip(1).Should().Equal(tabId, "pbench-client");
    }

    [Test]
    public async Task Brokered_login_returns_code_state_session_state_and_iss_to_the_client()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        var request = new AuthRequest();

        var response = await browser.LoginThroughIdpAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Found);
        response.Headers.Location!.GetLeftPart(UriPartial.Path).Should().Be(request.RedirectUri);
        var parameters = BrokerBrowser.Parameters(response);
        parameters.Keys.Should().BeEquivalentTo("code", "state", "session_state", "iss");
        parameters["state"].Should().Be(request.State);
        parameters["iss"].Should().Be(stack.RealmUrl);
    }

    [Test]
    public async Task Fragment_response_mode_puts_the_answer_in_the_fragment()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();

        var response = await browser.LoginThroughIdpAsync(new AuthRequest { ResponseMode = "fragment" });

        response.Headers.Location!.Query.Should().BeEmpty();
        response.Headers.Location!.Fragment.Should().Contain("code=").And.Contain("session_state=");
    }

    [Test]
    public async Task Code_exchange_happens_once_on_the_back_channel_with_client_secret_basic_and_is_journaled()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();

        await browser.LoginAsync(new AuthRequest());

        stack.Idp.TokenRequests.Should().ContainSingle();
        var (authorization, form) = stack.Idp.TokenRequests.Single();
        authorization.Should().Be("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("pbench-broker:pbench-broker-secret")));
        form["grant_type"].Should().Be("authorization_code");
        form.Should().NotContainKey("client_secret");
        var backChannel = stack.Journal.Entries("broker-back-channel");
        backChannel.Should().Contain(e => e.Method == "POST" && e.Url == $"{stack.Idp.BaseUrl}/token" && e.Status == 200);
        backChannel.Should().OnlyContain(e => e.RequestHeaders["User-Agent"].Contains(Protocol.Journal.BackChannelAgentMarker));
        stack.Journal.Entries("idp").Where(e => e.Url.EndsWith("/token", StringComparison.Ordinal)).Should().ContainSingle().Which.BackChannel.Should().BeTrue();
    }

    [Test]
    public async Task First_login_imports_the_idp_user_with_a_name_based_id_and_links_it()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();

        var tokens = await browser.TokensAsync();

        var claims = Jwt.Payload(tokens["access_token"]!.GetValue<string>());
        var expectedId = ImportedUserIds.For("pbench-server", "mockidp", AliceSub);
        Jwt.Text(claims, "sub").Should().Be(expectedId.ToString());
        Jwt.Text(claims, "preferred_username").Should().Be("alice");
        Jwt.Text(claims, "email").Should().Be("alice@example.com");
        Jwt.Text(claims, "given_name").Should().Be("Alice");
        using var admin = await AdminClient.StartAsync(stack);
        var links = await admin.GetAsync<JsonArray>($"/admin/realms/pbench-server/users/{expectedId}/federated-identity");
        links.Should().ContainSingle();
        links[0]!.ToJsonString().Should().Be($"{{\"identityProvider\":\"mockidp\",\"userId\":\"{AliceSub}\",\"userName\":\"alice\"}}");
    }

    [Test]
    public async Task Imported_user_keeps_its_id_across_broker_restarts()
    {
        string firstId;
        await using (var stack = await BrokerTestStack.StartAsync())
        {
            using var browser = stack.NewBrowser();
            firstId = Jwt.Text(Jwt.Payload((await browser.TokensAsync())["access_token"]!.GetValue<string>()), "sub");
        }

        await using var again = await BrokerTestStack.StartAsync();
        using var second = again.NewBrowser();
        Jwt.Text(Jwt.Payload((await second.TokensAsync())["access_token"]!.GetValue<string>()), "sub").Should().Be(firstId);
    }

    [Test]
    public async Task Returning_user_reuses_the_link_instead_of_importing_again()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using (var first = stack.NewBrowser())
        {
            await first.TokensAsync();
        }

        using var second = stack.NewBrowser();
        await second.TokensAsync();

        using var admin = await AdminClient.StartAsync(stack);
        var users = await admin.GetAsync<JsonArray>("/admin/realms/pbench-server/users?username=alice&exact=true");
        users.Should().ContainSingle();
        (await admin.GetAsync<JsonArray>($"/admin/realms/pbench-server/users/{users[0]!["id"]}/federated-identity")).Should().ContainSingle();
    }

    [TestCase("bob", "d9a92690-4d47-4300-a02c-4ffe0ed579f8")]
    [TestCase("admin", "b94aa0e7-9c0d-4974-b9f2-7d61397b48a7")]
    public async Task Idp_user_with_a_local_namesake_is_linked_to_the_existing_user(string username, string localId)
    {
        await using var stack = await BrokerTestStack.StartAsync();
        stack.Idp.AutoLoginUser = username;
        using var browser = stack.NewBrowser();

        var tokens = await browser.TokensAsync();

        Jwt.Text(Jwt.Payload(tokens["access_token"]!.GetValue<string>()), "sub").Should().Be(localId);
        using var admin = await AdminClient.StartAsync(stack);
        var links = await admin.GetAsync<JsonArray>($"/admin/realms/pbench-server/users/{localId}/federated-identity");
        links.Should().ContainSingle().Which!["userName"]!.GetValue<string>().Should().Be(username);
    }

    [Test]
    public async Task Idp_mapper_gives_the_admin_claim_the_pbench_server_ADMIN_role()
    {
        using var fixture = TempFixture.WithoutLocalAdminRoles();
        await using var stack = await BrokerTestStack.StartAsync(o => o with { FixtureFile = fixture.Path });
        stack.Idp.AutoLoginUser = "admin";
        using var browser = stack.NewBrowser();

        var claims = Jwt.Payload((await browser.TokensAsync())["access_token"]!.GetValue<string>());

        claims["resource_access"]!["pbench-server"]!["roles"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Equal("ADMIN");
    }

    [Test]
    public async Task Alice_gets_no_admin_role()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();

        var claims = Jwt.Payload((await browser.TokensAsync())["access_token"]!.GetValue<string>());

        claims["resource_access"]!.AsObject().Should().NotContainKey("pbench-server");
    }

    [TestCase("access_denied", "access_denied")]
    [TestCase("temporarily_unavailable", "temporarily_unavailable")]
    [TestCase("server_error", "server_error")]
    [TestCase("invalid_request", "server_error")]
    public async Task Idp_error_goes_back_to_the_client_as_an_oauth_error(string idpError, string clientError)
    {
        await using var stack = await BrokerTestStack.StartAsync();
        stack.Idp.AuthorizationError = idpError;
        using var browser = stack.NewBrowser();
        var request = new AuthRequest();

        var response = await browser.LoginThroughIdpAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Found);
        var parameters = BrokerBrowser.Parameters(response);
        parameters["error"].Should().Be(clientError);
        parameters["state"].Should().Be(request.State);
        parameters["iss"].Should().Be(stack.RealmUrl);
        parameters.Should().NotContainKey("code");
    }

    [Test]
    public async Task Failed_code_exchange_goes_back_to_the_client_as_server_error()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        stack.Idp.TokenEndpointStatus = 500;
        using var browser = stack.NewBrowser();

        var response = await browser.LoginThroughIdpAsync(new AuthRequest());

        var parameters = BrokerBrowser.Parameters(response);
        parameters["error"].Should().Be("server_error");
        parameters["error_description"].Should().Contain("token endpoint answered 500");
    }
}
