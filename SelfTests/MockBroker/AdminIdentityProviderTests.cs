using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.SelfTests.MockBroker.Support;

namespace PbenchAuthSpec.SelfTests.MockBroker;

/// <summary>
/// Identity providers and their mappers through Keycloak's admin REST API.
/// Keycloak: services/src/main/java/org/keycloak/services/resources/admin/IdentityProvidersResource.java
/// and IdentityProviderResource.java.
/// </summary>
public sealed class AdminIdentityProviderTests
{
    private const string Instances = "/admin/realms/pbench-server/identity-provider/instances";

    [Test]
    public async Task An_identity_provider_is_created_read_listed_updated_and_deleted()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var admin = await AdminClient.StartAsync(stack);
        var provider = $$$"""{"alias":"second","providerId":"oidc","enabled":true,"config":{"issuer":"{{{stack.Idp.BaseUrl}}}","clientId":"c","clientSecret":"s","clientAuthMethod":"client_secret_post"}}""";

        var alias = await admin.CreateAsync(Instances, provider);
        var duplicate = await admin.SendJsonAsync(HttpMethod.Post, Instances, provider);
        var saml = await admin.SendJsonAsync(HttpMethod.Post, Instances, """{"alias":"saml","providerId":"saml","config":{}}""");
        var noIssuer = await admin.SendJsonAsync(HttpMethod.Post, Instances, """{"alias":"x","providerId":"oidc","config":{"clientId":"c"}}""");
        var listed = await admin.GetAsync<JsonArray>(Instances);
        await admin.NoContentAsync(HttpMethod.Put, $"{Instances}/second", """{"displayName":"Second","config":{"clientSecret":"**********","defaultScope":"openid email"}}""");
        var updated = await admin.GetAsync<JsonObject>($"{Instances}/second");
        var renamed = await admin.SendJsonAsync(HttpMethod.Put, $"{Instances}/second", """{"alias":"third"}""");
        await admin.NoContentAsync(HttpMethod.Delete, $"{Instances}/second");
        var gone = await admin.Http.GetAsync(new Uri($"{Instances}/second", UriKind.Relative));

        alias.Should().Be("second");
        duplicate.StatusCode.Should().Be(HttpStatusCode.Conflict);
        saml.StatusCode.Should().Be(HttpStatusCode.BadRequest, "MockBroker brokers to OpenID Connect providers only");
        noIssuer.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await noIssuer.Content.ReadAsStringAsync()).Should().Contain("issuer");
        listed.Select(p => p!["alias"]!.GetValue<string>()).Should().Equal("mockidp", "second");
        updated["displayName"]!.GetValue<string>().Should().Be("Second");
        updated["config"]!["defaultScope"]!.GetValue<string>().Should().Be("openid email");
        updated["config"]!["clientAuthMethod"]!.GetValue<string>().Should().Be("client_secret_post", "fields the update leaves out stay");
        updated["config"]!["clientSecret"]!.GetValue<string>().Should().Be("**********", "Keycloak never reads a secret back");
        renamed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        gone.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task A_mapper_is_added_read_updated_and_removed()
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
    public async Task A_provider_and_claim_to_role_mapper_made_through_the_api_broker_a_login_with_the_role()
    {
        using var fixture = TempFixture.WithoutLocalAdminRoles();
        await using var stack = await BrokerTestStack.StartAsync(o => o with { FixtureFile = fixture.Path });
        using var admin = await AdminClient.StartAsync(stack);
        var issuer = (await admin.GetAsync<JsonObject>($"{Instances}/mockidp"))["config"]!["issuer"]!.GetValue<string>();
        await admin.NoContentAsync(HttpMethod.Delete, $"{Instances}/mockidp");
        await admin.CreateAsync(Instances, $$$"""{"alias":"mockidp","providerId":"oidc","config":{"issuer":"{{{issuer}}}","clientId":"pbench-broker","clientSecret":"pbench-broker-secret"}}""");
        await admin.CreateAsync($"{Instances}/mockidp/mappers", """{"name":"admin role","identityProviderAlias":"mockidp","identityProviderMapper":"oidc-role-idp-mapper","config":{"claim":"preferred_username","claim.value":"admin","role":"pbench-server.ADMIN","syncMode":"INHERIT"}}""");
        stack.Idp.AutoLoginUser = "admin";
        using var browser = stack.NewBrowser();

        var claims = Jwt.Payload((await browser.TokensAsync())["access_token"]!.GetValue<string>());

        claims["resource_access"]!["pbench-server"]!["roles"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Equal("ADMIN");
    }
}
