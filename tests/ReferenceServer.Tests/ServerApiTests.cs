using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.ReferenceServer.Tests.Support;

namespace PbenchAuthSpec.ReferenceServer.Tests;

/// <summary>The admin-only APIs, and who is an admin: <c>ADMIN</c> in the audience's client roles, or <c>--admin-user</c>.</summary>
public sealed class ServerApiTests
{
    [Test]
    public async Task Admin_changes_a_setting_and_the_audit_log_shows_it()
    {
        await using var target = await TargetWithBroker.StartAsync();
        var admin = target.Tokens.Access("admin");

        var put = await target.SendAsync(HttpMethod.Put, "/api/v1/server/settings/dataset-lifetime?value=30", admin);
        var audit = await target.GetAsync("/api/v1/server/audit", admin);

        put.StatusCode.Should().Be(HttpStatusCode.OK);
        (await put.Content.ReadFromJsonAsync<JsonObject>())!["dataset-lifetime"]!.GetValue<string>().Should().Be("30");
        audit.StatusCode.Should().Be(HttpStatusCode.OK);
        var entry = (await audit.Content.ReadFromJsonAsync<JsonArray>())!.Should().ContainSingle().Subject!;
        entry["user"]!.GetValue<string>().Should().Be("admin");
        entry["object_id"]!.GetValue<string>().Should().Be("dataset-lifetime");
    }

    [Test]
    public async Task Settings_accept_both_json_body_forms()
    {
        await using var target = await TargetWithBroker.StartAsync();
        var admin = target.Tokens.Access("admin");

        var value = await target.SendAsync(HttpMethod.Put, "/api/v1/server/settings/server-banner", admin, Json("""{"value":{"message":"hello"}}"""));
        var named = await target.SendAsync(HttpMethod.Put, "/api/v1/server/settings/dataset-lifetime", admin, Json("""{"dataset-lifetime":7}"""));

        value.StatusCode.Should().Be(HttpStatusCode.OK);
        named.StatusCode.Should().Be(HttpStatusCode.OK);
        (await named.Content.ReadFromJsonAsync<JsonObject>())!["dataset-lifetime"]!.GetValue<string>().Should().Be("7");
    }

    [TestCase("PUT", "/api/v1/server/settings/dataset-lifetime?value=30")]
    [TestCase("GET", "/api/v1/server/audit")]
    public async Task Admin_api_is_403_insufficient_scope_for_a_user_and_401_for_anonymous(string method, string path)
    {
        await using var target = await TargetWithBroker.StartAsync();

        var user = await target.SendAsync(new HttpMethod(method), path, target.Tokens.Access("alice"));
        var anonymous = await target.SendAsync(new HttpMethod(method), path);

        user.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        TargetWithBroker.Challenge(user).Should().StartWith("Bearer error=\"insufficient_scope\"");
        (await TargetWithBroker.MessageAsync(user)).Should().Contain("ADMIN role is required");
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Admin_user_list_makes_a_user_admin_whatever_the_token_roles()
    {
        await using var target = await TargetWithBroker.StartAsync(adminUsers: ["bob"]);

        var bob = await target.GetAsync("/api/v1/server/audit", target.Tokens.Access("bob"));
        var alice = await target.GetAsync("/api/v1/server/audit", target.Tokens.Access("alice"));

        bob.StatusCode.Should().Be(HttpStatusCode.OK);
        alice.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Admin_role_counts_only_under_the_audiences_client()
    {
        await using var target = await TargetWithBroker.StartAsync();
        var otherClient = target.Tokens.Access("alice", c =>
        {
            c["resource_access"]!["pbench-automation"] = new JsonObject { ["roles"] = new JsonArray("ADMIN") };
            c["realm_access"] = new JsonObject { ["roles"] = new JsonArray("ADMIN") };
        });

        var response = await target.GetAsync("/api/v1/server/audit", otherClient);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [TestCase("/api/v1/server/settings/server-state?value=disabled", "Unrecognized server setting 'server-state'")]
    [TestCase("/api/v1/server/settings/dataset-lifetime?value=-3", "whole number of days")]
    [TestCase("/api/v1/server/settings/dataset-lifetime", "No value given")]
    [TestCase("/api/v1/server/settings/server-banner?value=hi", "JSON object with a string 'message'")]
    public async Task Bad_settings_are_400_before_authorization(string path, string message)
    {
        await using var target = await TargetWithBroker.StartAsync();

        var response = await target.SendAsync(HttpMethod.Put, path);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await TargetWithBroker.MessageAsync(response)).Should().Contain(message);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
