using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.MockBroker.Tests.Support;

namespace PbenchAuthSpec.MockBroker.Tests;

/// <summary>
/// Keycloak's admin API for identity providers and their mappers, on MockBroker.
/// Keycloak: services/src/main/java/org/keycloak/services/resources/admin/IdentityProvidersResource.java
/// and IdentityProviderResource.java.
/// </summary>
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

        (await admin.GetAsync<JsonArray>(Instances)).Select(p => p!["alias"]!.GetValue<string>()).Should().Equal("mockidp", "corp-sso");
        var read = await admin.GetAsync<JsonObject>($"{Instances}/corp-sso");
        read["config"]!["clientSecret"]!.GetValue<string>().Should().Be("**********", "Keycloak never reads a secret back");
        read["displayName"] = "Corporate SSO";
        read["config"]!["pkceEnabled"] = "true";
        read["config"]!["pkceMethod"] = "S256";
        (await admin.Http.PutAsJsonAsync(new Uri($"{Instances}/corp-sso", UriKind.Relative), read)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var updated = await admin.GetAsync<JsonObject>($"{Instances}/corp-sso");
        updated["config"]!["pkceEnabled"]!.GetValue<string>().Should().Be("true");
        updated["displayName"]!.GetValue<string>().Should().Be("Corporate SSO");

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

    [TestCase("providerId", "saml")]
    [TestCase("issuer", null)]
    public async Task A_provider_that_is_not_openid_connect_or_names_no_issuer_is_400_naming_the_setting(string key, string? value)
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var admin = await AdminClient.StartAsync(stack);
        var body = Provider("bad");
        if (key == "providerId")
        {
            body[key] = value;
        }
        else
        {
            body["config"]!.AsObject().Remove(key);
        }

        var response = await admin.Http.PostAsJsonAsync(new Uri(Instances, UriKind.Relative), body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, "MockBroker brokers to OpenID Connect providers it can find");
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["error_description"]!.GetValue<string>().Should().Contain(key);
    }

    [Test]
    public async Task An_update_that_renames_the_provider_is_400_and_leaves_it_as_it_was()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var admin = await AdminClient.StartAsync(stack);
        var read = await admin.GetAsync<JsonObject>($"{Instances}/mockidp");
        read["alias"] = "renamed";

        var response = await admin.Http.PutAsJsonAsync(new Uri($"{Instances}/mockidp", UriKind.Relative), read);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await admin.GetAsync<JsonArray>(Instances)).Select(p => p!["alias"]!.GetValue<string>()).Should().Equal("mockidp");
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
    public async Task A_mapper_is_read_updated_and_removed_and_its_name_is_unique_per_provider()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var admin = await AdminClient.StartAsync(stack);
        var mappers = $"{Instances}/mockidp/mappers";

        var fixtureMapper = (await admin.GetAsync<JsonArray>(mappers)).Should().ContainSingle().Subject!;
        var id = await admin.CreateAsync(mappers, """{"name":"staff","identityProviderAlias":"mockidp","identityProviderMapper":"oidc-role-idp-mapper","config":{"claim":"email","claim.value":"a@example.com","role":"pbench-server.ADMIN"}}""");
        var sameName = await admin.SendJsonAsync(HttpMethod.Post, mappers, """{"name":"staff","identityProviderMapper":"oidc-role-idp-mapper","config":{"claim":"x","role":"r"}}""");
        var unknownKind = await admin.SendJsonAsync(HttpMethod.Post, mappers, """{"name":"y","identityProviderMapper":"hardcoded-attribute-idp-mapper","config":{}}""");
        await admin.NoContentAsync(HttpMethod.Put, $"{mappers}/{id}", """{"name":"staff","identityProviderMapper":"oidc-role-idp-mapper","config":{"claim":"email","claim.value":"b@example.com","role":"offline_access"}}""");
        var updated = await admin.GetAsync<JsonObject>($"{mappers}/{id}");
        await admin.NoContentAsync(HttpMethod.Delete, $"{mappers}/{id}");
        var left = await admin.GetAsync<JsonArray>(mappers);

        fixtureMapper["identityProviderMapper"]!.GetValue<string>().Should().Be("oidc-role-idp-mapper");
        fixtureMapper["config"]!["role"]!.GetValue<string>().Should().Be("pbench-server.ADMIN");
        sameName.StatusCode.Should().Be(HttpStatusCode.Conflict);
        unknownKind.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        updated["config"]!["claim.value"]!.GetValue<string>().Should().Be("b@example.com");
        updated["config"]!["role"]!.GetValue<string>().Should().Be("offline_access");
        left.Select(m => m!["id"]!.GetValue<string>()).Should().Equal(fixtureMapper["id"]!.GetValue<string>());
    }

    [Test]
    public async Task A_provider_and_claim_to_role_mapper_made_through_the_api_broker_a_login_with_the_client_role()
    {
        using var fixture = TempFixture.WithoutLocalAdminRoles();
        await using var stack = await BrokerTestStack.StartAsync(o => o with { FixtureFile = fixture.Path });
        using var admin = await AdminClient.StartAsync(stack);
        var issuer = (await admin.GetAsync<JsonObject>($"{Instances}/mockidp"))["config"]!["issuer"]!.GetValue<string>();
        await admin.NoContentAsync(HttpMethod.Delete, $"{Instances}/mockidp");
        var mappersLeft = await admin.Http.GetAsync(new Uri($"{Instances}/mockidp/mappers", UriKind.Relative));
        await admin.CreateAsync(Instances, $$$"""{"alias":"mockidp","providerId":"oidc","config":{"issuer":"{{{issuer}}}","clientId":"pbench-broker","clientSecret":"pbench-broker-secret"}}""");
        var recreatedMappers = await admin.GetAsync<JsonArray>($"{Instances}/mockidp/mappers");
        await admin.CreateAsync($"{Instances}/mockidp/mappers", """{"name":"admin role","identityProviderAlias":"mockidp","identityProviderMapper":"oidc-role-idp-mapper","config":{"claim":"preferred_username","claim.value":"admin","role":"pbench-server.ADMIN","syncMode":"INHERIT"}}""");
        stack.Idp.AutoLoginUser = "admin";
        using var browser = stack.NewBrowser();

        var claims = Jwt.Payload((await browser.TokensAsync())["access_token"]!.GetValue<string>());

        mappersLeft.StatusCode.Should().Be(HttpStatusCode.NotFound);
        recreatedMappers.Should().BeEmpty("Keycloak removes a provider's mappers with it");
        claims["resource_access"]!["pbench-server"]!["roles"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Equal("ADMIN");
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
