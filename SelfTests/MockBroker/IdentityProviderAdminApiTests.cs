using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.SelfTests.MockBroker.Support;

namespace PbenchAuthSpec.SelfTests.MockBroker;

/// <summary>Keycloak's admin API for identity providers and their mappers, on MockBroker.</summary>
public sealed class IdentityProviderAdminApiTests
{
    private const string Instances = "/admin/realms/pbench-server/identity-provider/instances";

    [Test]
    public async Task The_fixture_s_provider_is_listed_in_keycloak_s_shape_with_its_secret_masked()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var admin = await AdminClient.StartAsync(stack);

        var list = await admin.GetAsync<JsonArray>(Instances);

        var idp = list.Should().ContainSingle().Subject!.AsObject();
        idp["alias"]!.GetValue<string>().Should().Be("mockidp");
        idp["providerId"]!.GetValue<string>().Should().Be("oidc");
        idp["enabled"]!.GetValue<bool>().Should().BeTrue();
        idp["config"]!["clientId"]!.GetValue<string>().Should().Be("pbench-broker");
        idp["config"]!["clientSecret"]!.GetValue<string>().Should().Be("**********");
        idp["config"]!["issuer"]!.GetValue<string>().Should().Be("{idp}");
    }

    [Test]
    public async Task A_created_provider_is_on_the_login_page_and_can_be_read_updated_and_deleted()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var admin = await AdminClient.StartAsync(stack);
        var body = Provider("corp-sso");

        var created = await admin.Http.PostAsJsonAsync(new Uri(Instances, UriKind.Relative), body);
        var duplicate = await admin.Http.PostAsJsonAsync(new Uri(Instances, UriKind.Relative), body);
        using var browser = stack.NewBrowser();
        var page = await (await browser.GetAsync(new AuthRequest().Url(stack.RealmUrl))).Content.ReadAsStringAsync();

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        created.Headers.Location!.ToString().Should().EndWith("/admin/realms/pbench-server/identity-provider/instances/corp-sso");
        duplicate.StatusCode.Should().Be(HttpStatusCode.Conflict);
        page.Should().Contain("social-corp-sso");

        var read = await admin.GetAsync<JsonObject>($"{Instances}/corp-sso");
        read["config"]!["clientSecret"] = "**********";
        read["config"]!["pkceEnabled"] = "true";
        read["config"]!["pkceMethod"] = "S256";
        (await admin.Http.PutAsJsonAsync(new Uri($"{Instances}/corp-sso", UriKind.Relative), read)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await admin.GetAsync<JsonObject>($"{Instances}/corp-sso"))["config"]!["pkceEnabled"]!.GetValue<string>().Should().Be("true");

        (await admin.Http.DeleteAsync(new Uri($"{Instances}/corp-sso", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await admin.Http.GetAsync(new Uri($"{Instances}/corp-sso", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Updating_with_the_masked_secret_keeps_the_stored_one()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var admin = await AdminClient.StartAsync(stack);
        var read = await admin.GetAsync<JsonObject>($"{Instances}/mockidp");

        (await admin.Http.PutAsJsonAsync(new Uri($"{Instances}/mockidp", UriKind.Relative), read)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        using var browser = stack.NewBrowser();
        await browser.TokensAsync();

        stack.Idp.TokenRequests.Should().ContainSingle("the code exchange still authenticates with pbench-broker-secret");
    }

    [TestCase("clientAuthMethod", "client_secret_jwt")]
    [TestCase("pkceMethod", "S512")]
    [TestCase("syncMode", "SOMETIMES")]
    public async Task A_provider_keycloak_would_refuse_is_400_naming_the_setting(string key, string value)
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var admin = await AdminClient.StartAsync(stack);
        var body = Provider("bad");
        body["config"]![key] = value;
        body["config"]!["pkceEnabled"] = "true";
        body["config"]!["pkceMethod"] ??= "S256";

        var response = await admin.Http.PostAsJsonAsync(new Uri(Instances, UriKind.Relative), body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["error_description"]!.GetValue<string>().Should().Contain(key);
    }

    [Test]
    public async Task A_claim_to_role_mapper_is_created_listed_and_applied_at_the_next_login()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var admin = await AdminClient.StartAsync(stack);
        var mapper = new JsonObject
        {
            ["name"] = "alice is an operator",
            ["identityProviderMapper"] = "oidc-role-idp-mapper",
            ["config"] = new JsonObject { ["claim"] = "email", ["claim.value"] = "alice@example.com", ["role"] = "operator" },
        };

        var created = await admin.Http.PostAsJsonAsync(new Uri($"{Instances}/mockidp/mappers", UriKind.Relative), mapper);
        var mappers = await admin.GetAsync<JsonArray>($"{Instances}/mockidp/mappers");
        using var browser = stack.NewBrowser();
        var claims = Jwt.Payload((await browser.TokensAsync())["access_token"]!.GetValue<string>());

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        mappers.Select(m => m!["name"]!.GetValue<string>()).Should().Contain(["admin role", "alice is an operator"]);
        claims["realm_access"]!["roles"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Contain("operator");
        var id = created.Headers.Location!.ToString().Split('/')[^1];
        (await admin.Http.DeleteAsync(new Uri($"{Instances}/mockidp/mappers/{id}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await admin.Http.GetAsync(new Uri($"{Instances}/mockidp/mappers/{id}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Identity_provider_endpoints_need_a_master_admin_token()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(stack.Broker.BaseUrl) };

        var response = await http.GetAsync(new Uri(Instances, UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private static JsonObject Provider(string alias) => new()
    {
        ["alias"] = alias,
        ["providerId"] = "oidc",
        ["config"] = new JsonObject
        {
            ["issuer"] = "https://sso.example.com/realms/corp", ["clientId"] = "pbench", ["clientSecret"] = "s3cret",
            ["clientAuthMethod"] = "client_secret_basic", ["validateSignature"] = "true", ["useJwksUrl"] = "true",
        },
    };
}
