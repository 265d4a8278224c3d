using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.MockBroker.Tests.Support;

namespace PbenchAuthSpec.MockBroker.Tests;

public sealed class AdminApiTests
{
    [Test]
    public async Task Admin_finds_a_user_by_username()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var admin = await AdminClient.StartAsync(stack);

        var users = await admin.GetAsync<JsonArray>("/admin/realms/pbench-server/users?username=bob");

        var bob = users.Should().ContainSingle().Subject!;
        bob["id"]!.GetValue<string>().Should().Be("d9a92690-4d47-4300-a02c-4ffe0ed579f8");
        bob["username"]!.GetValue<string>().Should().Be("bob");
        bob["email"]!.GetValue<string>().Should().Be("bob@example.com");
        bob["enabled"]!.GetValue<bool>().Should().BeTrue();
    }

    [Test]
    public async Task Username_search_matches_substrings_unless_exact()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var admin = await AdminClient.StartAsync(stack);

        (await admin.GetAsync<JsonArray>("/admin/realms/pbench-server/users?username=o")).Select(u => u!["username"]!.GetValue<string>()).Should().Equal("bob");
        (await admin.GetAsync<JsonArray>("/admin/realms/pbench-server/users?username=o&exact=true")).Should().BeEmpty();
        (await admin.GetAsync<JsonArray>("/admin/realms/pbench-server/users")).Select(u => u!["username"]!.GetValue<string>()).Should().Equal("admin", "bob");
    }

    [Test]
    public async Task Unknown_user_is_404()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var admin = await AdminClient.StartAsync(stack);

        var response = await admin.Http.GetAsync(new Uri($"/admin/realms/pbench-server/users/{Guid.NewGuid()}/federated-identity", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Created_user_can_log_in_with_the_password_grant()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var admin = await AdminClient.StartAsync(stack);
        var body = """{"username":"carol","email":"carol@example.com","firstName":"Carol","enabled":true,"credentials":[{"type":"password","value":"carol-password","temporary":false}]}""";

        var created = await admin.Http.PostAsync(new Uri("/admin/realms/pbench-server/users", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
        var again = await admin.Http.PostAsync(new Uri("/admin/realms/pbench-server/users", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        created.Headers.Location!.ToString().Should().StartWith($"{stack.Broker.BaseUrl}/admin/realms/pbench-server/users/");
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await again.Content.ReadFromJsonAsync<JsonObject>())!["errorMessage"]!.GetValue<string>().Should().Be("User exists with same username");
        var tokens = await TokenEndpointTests.Password(stack, "carol", "carol-password");
        Jwt.Text(Jwt.Payload(tokens["access_token"]!.GetValue<string>()), "sub").Should().Be(created.Headers.Location!.Segments[^1]);
    }

    [TestCase(null, HttpStatusCode.Unauthorized)]
    [TestCase("not-a-token", HttpStatusCode.Unauthorized)]
    [TestCase("pbench-server-token", HttpStatusCode.Unauthorized)]
    public async Task Admin_api_refuses_calls_without_a_master_admin_token(string? token, HttpStatusCode status)
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{stack.Broker.BaseUrl}/admin/realms/pbench-server/users");
        if (token is not null)
        {
            var bearer = token == "pbench-server-token" ? (await TokenEndpointTests.Password(stack, "admin", "admin-password"))["access_token"]!.GetValue<string>() : token;
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(status);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!.Should().ContainKeys("error", "error_description");
    }

    [Test]
    public async Task Master_user_without_the_admin_role_is_403()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var admin = await AdminClient.StartAsync(stack);
        var body = """{"username":"viewer","enabled":true,"credentials":[{"type":"password","value":"viewer-password"}]}""";
        (await admin.Http.PostAsync(new Uri("/admin/realms/master/users", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"))).StatusCode.Should().Be(HttpStatusCode.Created);
        using var viewer = await AdminClient.StartAsync(stack, "viewer", "viewer-password");

        var response = await viewer.Http.GetAsync(new Uri("/admin/realms/pbench-server/users", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Admin_token_dies_with_its_expiry()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var admin = await AdminClient.StartAsync(stack);
        stack.Clock.Advance(TimeSpan.FromSeconds(61));

        var response = await admin.Http.GetAsync(new Uri("/admin/realms/pbench-server/users", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
