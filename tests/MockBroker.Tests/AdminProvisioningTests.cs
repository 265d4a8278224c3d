using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.MockBroker.Tests.Support;

namespace PbenchAuthSpec.MockBroker.Tests;

/// <summary>Provisioning a realm through Keycloak's admin REST API, and what the tokens of what it made carry.</summary>
public sealed class AdminProvisioningTests
{
    private const string Realm = "provisioned";

    // Keycloak: services/src/main/java/org/keycloak/services/resources/admin/RealmsAdminResource.java
    [Test]
    public async Task A_realm_is_created_read_listed_and_deleted()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var admin = await AdminClient.StartAsync(stack);

        var created = await admin.SendJsonAsync(HttpMethod.Post, "/admin/realms", """{"realm":"provisioned","enabled":true,"accessTokenLifespan":120}""");
        var again = await admin.SendJsonAsync(HttpMethod.Post, "/admin/realms", """{"realm":"provisioned","enabled":true}""");
        var read = await admin.GetAsync<JsonObject>("/admin/realms/provisioned");
        var listed = await admin.GetAsync<JsonArray>("/admin/realms");
        var discovery = await admin.Http.GetAsync(new Uri("/realms/provisioned/.well-known/openid-configuration", UriKind.Relative));
        await admin.NoContentAsync(HttpMethod.Delete, "/admin/realms/provisioned");
        var gone = await admin.Http.GetAsync(new Uri("/realms/provisioned", UriKind.Relative));
        var master = await admin.Http.DeleteAsync(new Uri("/admin/realms/master", UriKind.Relative));

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        created.Headers.Location!.AbsoluteUri.Should().Be($"{stack.Broker.BaseUrl}/admin/realms/provisioned");
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        read["realm"]!.GetValue<string>().Should().Be("provisioned");
        read["accessTokenLifespan"]!.GetValue<long>().Should().Be(120);
        listed.Select(r => r!["realm"]!.GetValue<string>()).Should().Contain(["master", "pbench-server", "provisioned"]);
        discovery.StatusCode.Should().Be(HttpStatusCode.OK);
        gone.StatusCode.Should().Be(HttpStatusCode.NotFound);
        master.StatusCode.Should().Be(HttpStatusCode.BadRequest, "Keycloak keeps the admin realm");
    }

    // Keycloak: services/src/main/java/org/keycloak/services/resources/admin/ClientsResource.java and ClientResource.java
    [Test]
    public async Task A_client_is_created_found_by_client_id_updated_and_deleted()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var admin = await AdminClient.StartAsync(stack);
        await admin.CreateAsync("/admin/realms", $$"""{"realm":"{{Realm}}","enabled":true}""");

        var id = await admin.CreateAsync($"/admin/realms/{Realm}/clients", """{"clientId":"app","publicClient":false,"directAccessGrantsEnabled":true,"redirectUris":["http://app.invalid/*"]}""");
        var duplicate = await admin.SendJsonAsync(HttpMethod.Post, $"/admin/realms/{Realm}/clients", """{"clientId":"app"}""");
        var found = await admin.GetAsync<JsonArray>($"/admin/realms/{Realm}/clients?clientId=app");
        var byPrefix = await admin.GetAsync<JsonArray>($"/admin/realms/{Realm}/clients?clientId=ap");
        await admin.NoContentAsync(HttpMethod.Put, $"/admin/realms/{Realm}/clients/{id}", """{"attributes":{"pkce.code.challenge.method":"S256"},"redirectUris":["http://other.invalid/cb"]}""");
        var updated = await admin.GetAsync<JsonObject>($"/admin/realms/{Realm}/clients/{id}");
        await admin.NoContentAsync(HttpMethod.Delete, $"/admin/realms/{Realm}/clients/{id}");
        var deleted = await admin.Http.GetAsync(new Uri($"/admin/realms/{Realm}/clients/{id}", UriKind.Relative));

        duplicate.StatusCode.Should().Be(HttpStatusCode.Conflict);
        found.Should().ContainSingle().Which!["id"]!.GetValue<string>().Should().Be(id);
        byPrefix.Should().BeEmpty("clientId matches exactly unless search=true");
        var secret = found[0]!["secret"]!.GetValue<string>();
        secret.Should().NotBeNullOrEmpty("Keycloak generates a secret for a confidential client");
        updated["secret"]!.GetValue<string>().Should().Be(secret);
        updated["directAccessGrantsEnabled"]!.GetValue<bool>().Should().BeTrue("fields absent from a PUT are kept");
        updated["redirectUris"]!.AsArray().Select(u => u!.GetValue<string>()).Should().Equal("http://other.invalid/cb");
        updated["attributes"]!["pkce.code.challenge.method"]!.GetValue<string>().Should().Be("S256");
        deleted.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    // Keycloak: services/src/main/java/org/keycloak/protocol/oidc/mappers/AudienceProtocolMapper.java
    [Test]
    public async Task An_audience_mapper_on_the_client_or_on_one_of_its_client_scopes_adds_to_aud()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var admin = await AdminClient.StartAsync(stack);
        await admin.CreateAsync("/admin/realms", $$"""{"realm":"{{Realm}}","enabled":true}""");
        var scope = await admin.CreateAsync($"/admin/realms/{Realm}/client-scopes", """
            {"name":"api","protocol":"openid-connect","attributes":{"include.in.token.scope":"true"},
             "protocolMappers":[{"name":"api-aud","protocol":"openid-connect","protocolMapper":"oidc-audience-mapper","config":{"included.custom.audience":"from-scope","access.token.claim":"true"}}]}
            """);
        var client = await admin.CreateAsync($"/admin/realms/{Realm}/clients", """
            {"clientId":"app","publicClient":true,"directAccessGrantsEnabled":true,
             "protocolMappers":[{"name":"own-aud","protocol":"openid-connect","protocolMapper":"oidc-audience-mapper","config":{"included.client.audience":"from-client"}}]}
            """);
        await admin.CreateAsync($"/admin/realms/{Realm}/users", """{"username":"dora","enabled":true,"credentials":[{"type":"password","value":"pw","temporary":false}]}""");

        var before = Jwt.Payload(await AccessTokenAsync(stack, "dora", "pw"));
        await admin.NoContentAsync(HttpMethod.Put, $"/admin/realms/{Realm}/clients/{client}/default-client-scopes/{scope}");
        var after = Jwt.Payload(await AccessTokenAsync(stack, "dora", "pw"));
        var mappers = await admin.GetAsync<JsonArray>($"/admin/realms/{Realm}/clients/{client}/protocol-mappers/models");

        Audiences(before).Should().Contain("from-client").And.NotContain("from-scope");
        Audiences(after).Should().Contain(["from-client", "from-scope"]);
        after["scope"]!.GetValue<string>().Split(' ').Should().Contain("api", "the scope's include.in.token.scope is on");
        mappers.Should().ContainSingle().Which!["config"]!["included.client.audience"]!.GetValue<string>().Should().Be("from-client");
    }

    // Keycloak: services/src/main/java/org/keycloak/services/resources/admin/ProtocolMappersResource.java
    // (createMapper: a ModelDuplicateException becomes ErrorResponse.exists, 409 with errorMessage).
    [Test]
    public async Task A_protocol_mapper_name_taken_on_a_client_or_client_scope_answers_409_as_Keycloak()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var admin = await AdminClient.StartAsync(stack);
        await admin.CreateAsync("/admin/realms", $$"""{"realm":"{{Realm}}","enabled":true}""");
        const string Mapper = """{"name":"aud","protocol":"openid-connect","protocolMapper":"oidc-audience-mapper","config":{"included.custom.audience":"x"}}""";
        var scope = await admin.CreateAsync($"/admin/realms/{Realm}/client-scopes", """{"name":"api","protocol":"openid-connect"}""");
        var client = await admin.CreateAsync($"/admin/realms/{Realm}/clients", """{"clientId":"app","publicClient":true}""");
        await admin.CreateAsync($"/admin/realms/{Realm}/client-scopes/{scope}/protocol-mappers/models", Mapper);
        await admin.CreateAsync($"/admin/realms/{Realm}/clients/{client}/protocol-mappers/models", Mapper);

        var onScope = await admin.SendJsonAsync(HttpMethod.Post, $"/admin/realms/{Realm}/client-scopes/{scope}/protocol-mappers/models", Mapper);
        var onClient = await admin.SendJsonAsync(HttpMethod.Post, $"/admin/realms/{Realm}/clients/{client}/protocol-mappers/models", Mapper);

        foreach (var answer in new[] { onScope, onClient })
        {
            answer.StatusCode.Should().Be(HttpStatusCode.Conflict);
            (await answer.Content.ReadFromJsonAsync<JsonObject>())!["errorMessage"]!.GetValue<string>().Should().Be("Protocol mapper exists with same name");
        }
    }

    // Keycloak: services/src/main/java/org/keycloak/models/utils/RepresentationToModel.java (createClient:
    // an explicit defaultClientScopes list replaces the realm's), and the roles scope's mappers.
    [Test]
    public async Task A_client_created_with_its_own_default_scopes_loses_the_built_in_ones_and_their_claims()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var admin = await AdminClient.StartAsync(stack);
        await admin.CreateAsync("/admin/realms", $$"""{"realm":"{{Realm}}","enabled":true}""");
        var client = await admin.CreateAsync($"/admin/realms/{Realm}/clients", """{"clientId":"app","publicClient":true,"directAccessGrantsEnabled":true,"defaultClientScopes":["openid","profile","email"]}""");
        var role = await admin.CreateAsync($"/admin/realms/{Realm}/clients/{client}/roles", """{"name":"ADMIN"}""");
        var user = await admin.CreateAsync($"/admin/realms/{Realm}/users", """{"username":"dora","enabled":true,"credentials":[{"type":"password","value":"pw"}]}""");
        await admin.NoContentAsync(HttpMethod.Post, $"/admin/realms/{Realm}/users/{user}/role-mappings/clients/{client}", """[{"name":"ADMIN"}]""");

        var scopes = await admin.GetAsync<JsonArray>($"/admin/realms/{Realm}/clients/{client}/default-client-scopes");
        var without = Jwt.Payload(await AccessTokenAsync(stack, "dora", "pw"));
        var roles = await admin.GetAsync<JsonArray>($"/admin/realms/{Realm}/client-scopes");
        var rolesScope = roles.Single(s => s!["name"]!.GetValue<string>() == "roles")!["id"]!.GetValue<string>();
        await admin.NoContentAsync(HttpMethod.Put, $"/admin/realms/{Realm}/clients/{client}/default-client-scopes/{rolesScope}");
        var with = Jwt.Payload(await AccessTokenAsync(stack, "dora", "pw"));

        role.Should().Be("ADMIN");
        scopes.Select(s => s!["name"]!.GetValue<string>()).Should().BeEquivalentTo(["profile", "email"], "names that are no client scope (openid) are ignored");
        without.Should().NotContainKey("resource_access").And.NotContainKey("realm_access").And.NotContainKey("allowed-origins");
        without.Should().NotContainKey("sub", "Keycloak 25+ writes sub from the basic scope");
        with["resource_access"]!["app"]!["roles"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Equal("ADMIN");
    }

    // Keycloak 25 moved sub and auth_time into the new basic client scope
    // (docs/documentation/upgrading/topics/changes/changes-25_0_0.adoc); Keycloak 24 always writes them.
    [TestCase(24, true)]
    [TestCase(26, false)]
    public async Task Sub_without_the_basic_scope_depends_on_the_keycloak_line(int version, bool hasSub)
    {
        await using var stack = await BrokerTestStack.StartAsync(o => o with { KeycloakVersion = version });
        using var admin = await AdminClient.StartAsync(stack);
        await admin.CreateAsync("/admin/realms", $$"""{"realm":"{{Realm}}","enabled":true}""");
        await admin.CreateAsync($"/admin/realms/{Realm}/clients", """{"clientId":"app","publicClient":true,"directAccessGrantsEnabled":true,"defaultClientScopes":["profile"]}""");
        var withDefaults = await admin.CreateAsync($"/admin/realms/{Realm}/clients", """{"clientId":"plain","publicClient":true,"directAccessGrantsEnabled":true}""");
        await admin.CreateAsync($"/admin/realms/{Realm}/users", """{"username":"dora","enabled":true,"credentials":[{"type":"password","value":"pw"}]}""");

        var claims = Jwt.Payload(await AccessTokenAsync(stack, "dora", "pw"));
        var defaults = Jwt.Payload(await AccessTokenAsync(stack, "dora", "pw", clientId: "plain"));
        var scopes = await admin.GetAsync<JsonArray>($"/admin/realms/{Realm}/clients/{withDefaults}/default-client-scopes");

        claims.ContainsKey("sub").Should().Be(hasSub);
        claims.ContainsKey("auth_time").Should().Be(hasSub);
        defaults.Should().ContainKey("sub", "the realm's default client scopes include basic from Keycloak 25 on");
        scopes.Select(s => s!["name"]!.GetValue<string>()).Contains("basic").Should().Be(version >= 25);
    }

    // Keycloak: services/src/main/java/org/keycloak/services/resources/admin/RoleContainerResource.java and RoleMapperResource.java
    [Test]
    public async Task Realm_and_client_role_mappings_are_added_listed_and_removed()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var admin = await AdminClient.StartAsync(stack);
        await admin.CreateAsync("/admin/realms", $$"""{"realm":"{{Realm}}","enabled":true}""");
        await admin.CreateAsync($"/admin/realms/{Realm}/roles", """{"name":"operator"}""");
        var client = await admin.CreateAsync($"/admin/realms/{Realm}/clients", """{"clientId":"app","publicClient":true,"directAccessGrantsEnabled":true}""");
        await admin.CreateAsync($"/admin/realms/{Realm}/clients/{client}/roles", """{"name":"ADMIN"}""");
        var roleId = (await admin.GetAsync<JsonArray>($"/admin/realms/{Realm}/clients/{client}/roles"))[0]!["id"]!.GetValue<string>();
        var user = await admin.CreateAsync($"/admin/realms/{Realm}/users", """{"username":"dora","enabled":true,"credentials":[{"type":"password","value":"pw"}]}""");

        await admin.NoContentAsync(HttpMethod.Post, $"/admin/realms/{Realm}/users/{user}/role-mappings/realm", """[{"name":"operator"}]""");
        await admin.NoContentAsync(HttpMethod.Post, $"/admin/realms/{Realm}/users/{user}/role-mappings/clients/{client}", $$"""[{"id":"{{roleId}}","name":"ADMIN"}]""");
        var mapped = Jwt.Payload(await AccessTokenAsync(stack, "dora", "pw"));
        var all = await admin.GetAsync<JsonObject>($"/admin/realms/{Realm}/users/{user}/role-mappings");
        var unknown = await admin.SendJsonAsync(HttpMethod.Post, $"/admin/realms/{Realm}/users/{user}/role-mappings/realm", """[{"name":"nope"}]""");
        await admin.NoContentAsync(HttpMethod.Delete, $"/admin/realms/{Realm}/users/{user}/role-mappings/clients/{client}", """[{"name":"ADMIN"}]""");
        var unmapped = Jwt.Payload(await AccessTokenAsync(stack, "dora", "pw"));

        mapped["realm_access"]!["roles"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Contain("operator");
        mapped["resource_access"]!["app"]!["roles"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Equal("ADMIN");
        all["clientMappings"]!["app"]!["mappings"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).Should().Equal("ADMIN");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        unmapped["resource_access"]!.AsObject().Should().NotContainKey("app");
    }

    // Keycloak: removing a client removes its roles, and the users' mappings of them with it (RoleRemovedEvent).
    [Test]
    public async Task Deleting_a_client_takes_its_roles_away_from_the_users_who_had_them()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var admin = await AdminClient.StartAsync(stack);
        await admin.CreateAsync("/admin/realms", $$"""{"realm":"{{Realm}}","enabled":true}""");
        var client = await admin.CreateAsync($"/admin/realms/{Realm}/clients", """{"clientId":"app","publicClient":true,"directAccessGrantsEnabled":true}""");
        var again = await admin.CreateAsync($"/admin/realms/{Realm}/clients", """{"clientId":"other-app","publicClient":true,"directAccessGrantsEnabled":true}""");
        await admin.CreateAsync($"/admin/realms/{Realm}/clients/{client}/roles", """{"name":"ADMIN"}""");
        var user = await admin.CreateAsync($"/admin/realms/{Realm}/users", """{"username":"dora","enabled":true,"credentials":[{"type":"password","value":"pw"}]}""");
        await admin.NoContentAsync(HttpMethod.Post, $"/admin/realms/{Realm}/users/{user}/role-mappings/clients/{client}", """[{"name":"ADMIN"}]""");

        await admin.NoContentAsync(HttpMethod.Delete, $"/admin/realms/{Realm}/clients/{client}");
        var token = Jwt.Payload(await AccessTokenAsync(stack, "dora", "pw", clientId: "other-app"));
        var all = await admin.GetAsync<JsonObject>($"/admin/realms/{Realm}/users/{user}/role-mappings");

        again.Should().NotBeEmpty();
        token["resource_access"]!.AsObject().Should().NotContainKey("app");
        all.Should().NotContainKey("clientMappings");
    }

    // Keycloak: services/src/main/java/org/keycloak/protocol/oidc/OIDCAdvancedConfigWrapper.java (access.token.lifespan)
    [Test]
    public async Task A_client_access_token_lifespan_attribute_overrides_the_realms()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var admin = await AdminClient.StartAsync(stack);
        var client = (await admin.GetAsync<JsonArray>("/admin/realms/pbench-server/clients?clientId=pbench-client"))[0]!["id"]!.GetValue<string>();

        await admin.NoContentAsync(HttpMethod.Put, $"/admin/realms/pbench-server/clients/{client}", """{"attributes":{"access.token.lifespan":"42"}}""");
        var tokens = await TokenEndpointTests.Password(stack, "bob", "bob-password");

        tokens["expires_in"]!.GetValue<long>().Should().Be(42);
        var claims = Jwt.Payload(tokens["access_token"]!.GetValue<string>());
        (Jwt.Number(claims, "exp") - Jwt.Number(claims, "iat")).Should().Be(42);
    }

    [TestCase("", HttpStatusCode.Unauthorized)]
    [TestCase("bob", HttpStatusCode.Unauthorized)]
    public async Task Admin_calls_need_a_master_realm_token(string realmOfToken, HttpStatusCode expected)
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(stack.Broker.BaseUrl) };
        if (realmOfToken.Length > 0)
        {
            var token = (await TokenEndpointTests.Password(stack, "bob", "bob-password"))["access_token"]!.GetValue<string>();
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        var response = await http.PostAsync(new Uri("/admin/realms", UriKind.Relative), new StringContent("""{"realm":"x"}""", System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(expected, "a token of another realm does not verify against master");
        (await http.GetAsync(new Uri("/realms/x", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    internal static async Task<string> AccessTokenAsync(BrokerTestStack stack, string username, string password, string realm = Realm, string clientId = "app") =>
        (await AdminClientTokens.PasswordAsync($"{stack.Broker.BaseUrl}/realms/{realm}", username, password, clientId))["access_token"]!.GetValue<string>();

    internal static List<string> Audiences(JsonObject claims) => claims["aud"] switch
    {
        JsonArray many => many.Select(a => a!.GetValue<string>()).ToList(),
        JsonValue one => [one.GetValue<string>()],
        _ => [],
    };
}
