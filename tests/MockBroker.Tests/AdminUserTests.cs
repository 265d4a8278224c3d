using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.MockBroker.Tests.Support;

namespace PbenchAuthSpec.MockBroker.Tests;

/// <summary>Keycloak: services/src/main/java/org/keycloak/services/resources/admin/UsersResource.java and UserResource.java.</summary>
public sealed class AdminUserTests
{
    private const string Users = "/admin/realms/pbench-server/users";

    [Test]
    public async Task Users_count_is_a_bare_integer_and_takes_the_search_filters()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var admin = await AdminClient.StartAsync(stack);

        var all = await admin.Http.GetAsync(new Uri($"{Users}/count", UriKind.Relative));
        var bobs = await admin.Http.GetStringAsync(new Uri($"{Users}/count?username=bob", UriKind.Relative));
        var searched = await admin.Http.GetStringAsync(new Uri($"{Users}/count?search=example.com", UriKind.Relative));
        var bad = await admin.Http.GetAsync(new Uri($"{Users}/count?enabled=maybe", UriKind.Relative));

        all.StatusCode.Should().Be(HttpStatusCode.OK);
        (await all.Content.ReadAsStringAsync()).Should().Be("2");
        bobs.Should().Be("1");
        searched.Should().Be("2");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Users_are_filtered_by_the_identity_provider_they_are_linked_to()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var admin = await AdminClient.StartAsync(stack);
        await admin.CreateAsync(Users, """{"username":"linked","enabled":true,"federatedIdentities":[{"identityProvider":"mockidp","userId":"sub-1","userName":"linked"}]}""");

        var byAlias = await admin.GetAsync<JsonArray>($"{Users}?idpAlias=mockidp");
        var bySubject = await admin.GetAsync<JsonArray>($"{Users}?idpAlias=mockidp&idpUserId=sub-1");
        var otherSubject = await admin.GetAsync<JsonArray>($"{Users}?idpAlias=mockidp&idpUserId=sub-2");
        var otherAlias = await admin.GetAsync<JsonArray>($"{Users}?idpAlias=elsewhere");

        byAlias.Select(u => u!["username"]!.GetValue<string>()).Should().Equal("linked");
        bySubject.Should().ContainSingle();
        otherSubject.Should().BeEmpty();
        otherAlias.Should().BeEmpty();
    }

    [Test]
    public async Task A_user_is_updated_then_deleted_and_its_sessions_end()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var admin = await AdminClient.StartAsync(stack);
        var id = await admin.CreateAsync(Users, """{"username":"carol","email":"carol@example.com","enabled":true,"credentials":[{"type":"password","value":"pw"}]}""");
        var tokens = await TokenEndpointTests.Password(stack, "carol", "pw");

        await admin.NoContentAsync(HttpMethod.Put, $"{Users}/{id}", """{"firstName":"Carol","lastName":"Cole"}""");
        var updated = await admin.GetAsync<JsonObject>($"{Users}/{id}");
        var clash = await admin.SendJsonAsync(HttpMethod.Put, $"{Users}/{id}", """{"email":"bob@example.com"}""");
        await admin.NoContentAsync(HttpMethod.Delete, $"{Users}/{id}");
        var gone = await admin.Http.GetAsync(new Uri($"{Users}/{id}", UriKind.Relative));
        using var browser = stack.NewBrowser();
        var refresh = await TokenEndpointTests.Refresh(browser, stack, tokens);

        updated["firstName"]!.GetValue<string>().Should().Be("Carol");
        updated["email"]!.GetValue<string>().Should().Be("carol@example.com", "fields absent from a PUT are kept");
        clash.StatusCode.Should().Be(HttpStatusCode.Conflict);
        gone.StatusCode.Should().Be(HttpStatusCode.NotFound);
        await TokenEndpointTests.ExpectError(refresh, HttpStatusCode.BadRequest, "invalid_grant");
        (await admin.Http.DeleteAsync(new Uri($"{Users}/{id}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    // Keycloak: ResourceOwnerPasswordCredentialsGrantType refuses a user with required actions.
    [Test]
    public async Task A_temporary_password_keeps_the_password_grant_out_until_a_permanent_one_is_set()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var admin = await AdminClient.StartAsync(stack);
        var id = await admin.CreateAsync(Users, """{"username":"carol","enabled":true,"credentials":[{"type":"password","value":"first","temporary":true}]}""");

        var temporary = await PasswordGrantAsync(stack, "carol", "first");
        var actions = (await admin.GetAsync<JsonObject>($"{Users}/{id}"))["requiredActions"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        await admin.NoContentAsync(HttpMethod.Put, $"{Users}/{id}/reset-password", """{"type":"password","value":"second","temporary":false}""");
        var old = await PasswordGrantAsync(stack, "carol", "first");
        var permanent = await PasswordGrantAsync(stack, "carol", "second");

        await TokenEndpointTests.ExpectError(temporary, HttpStatusCode.BadRequest, "invalid_grant");
        (await temporary.Content.ReadAsStringAsync()).Should().Contain("Account is not fully set up");
        actions.Should().Equal("UPDATE_PASSWORD");
        await TokenEndpointTests.ExpectError(old, HttpStatusCode.Unauthorized, "invalid_grant");
        permanent.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    // Keycloak: authentication/authenticators/directgrant/ValidateUsername.java ("Account disabled", 400).
    [Test]
    public async Task A_disabled_user_gets_Keycloaks_account_disabled_answer()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var admin = await AdminClient.StartAsync(stack);
        var bob = (await admin.GetAsync<JsonArray>($"{Users}?username=bob&exact=true"))[0]!["id"]!.GetValue<string>();

        await admin.NoContentAsync(HttpMethod.Put, $"{Users}/{bob}", """{"enabled":false}""");
        var response = await PasswordGrantAsync(stack, "bob", "bob-password");
        var wrongPassword = await PasswordGrantAsync(stack, "bob", "nope");

        await TokenEndpointTests.ExpectError(response, HttpStatusCode.BadRequest, "invalid_grant");
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["error_description"]!.GetValue<string>().Should().Be("Account disabled");
        (await wrongPassword.Content.ReadAsStringAsync()).Should().Contain("Account disabled", "Keycloak checks enabled before the password");
    }

    internal static async Task<HttpResponseMessage> PasswordGrantAsync(BrokerTestStack stack, string username, string password)
    {
        using var http = new HttpClient();
        return await http.PostAsync(new Uri(stack.TokenUrl), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = "pbench-client", ["username"] = username, ["password"] = password, ["scope"] = "openid",
        }));
    }
}
