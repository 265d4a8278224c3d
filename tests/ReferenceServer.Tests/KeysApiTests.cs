using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.ReferenceServer.Tests.Support;

namespace PbenchAuthSpec.ReferenceServer.Tests;

/// <summary><c>/api/v1/key[/{id}]</c>: Pbench API keys, and API keys as bearer tokens.</summary>
public sealed class KeysApiTests
{
    [Test]
    public async Task Creating_a_key_returns_201_with_id_label_key_username_created()
    {
        await using var target = await TargetWithBroker.StartAsync();

        var response = await target.SendAsync(HttpMethod.Post, "/api/v1/key?label=laptop", target.Tokens.Access("alice"));

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var key = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        key.Select(p => p.Key).Should().BeEquivalentTo("id", "label", "key", "username", "created");
        key["label"]!.GetValue<string>().Should().Be("laptop");
        key["username"]!.GetValue<string>().Should().Be("alice");
        key["key"]!.GetValue<string>().Should().HaveLength(43).And.NotContain(".");
        key["created"]!.GetValue<DateTimeOffset>().Should().Be(TargetWithBroker.Start);
    }

    [Test]
    public async Task Label_may_come_as_a_json_body()
    {
        await using var target = await TargetWithBroker.StartAsync();

        var response = await target.SendAsync(HttpMethod.Post, "/api/v1/key", target.Tokens.Access(), Json("""{"label":"ci"}"""));

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["label"]!.GetValue<string>().Should().Be("ci");
    }

    [Test]
    public async Task Every_key_call_is_401_for_anonymous_callers()
    {
        await using var target = await TargetWithBroker.StartAsync();

        var responses = new[]
        {
            await target.GetAsync("/api/v1/key"),
            await target.SendAsync(HttpMethod.Post, "/api/v1/key?label=x"),
            await target.GetAsync("/api/v1/key/1"),
            await target.SendAsync(HttpMethod.Delete, "/api/v1/key/1"),
        };

        responses.Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.Unauthorized);
        responses.Select(TargetWithBroker.Challenge).Should().AllBeEquivalentTo("Bearer realm=\"pbench-server\"");
    }

    [Test]
    public async Task A_user_sees_only_own_keys_and_another_users_key_is_404()
    {
        await using var target = await TargetWithBroker.StartAsync();
        var alice = target.Tokens.Access("alice");
        var bob = target.Tokens.Access("bob");
        var aliceKey = await CreateAsync(target, alice, "a");
        await CreateAsync(target, bob, "b");

        var aliceList = await target.GetAsync("/api/v1/key", alice);
        var own = await target.GetAsync($"/api/v1/key/{aliceKey["id"]}", alice);
        var bobReads = await target.GetAsync($"/api/v1/key/{aliceKey["id"]}", bob);
        var bobDeletes = await target.SendAsync(HttpMethod.Delete, $"/api/v1/key/{aliceKey["id"]}", bob);
        var unknown = await target.GetAsync("/api/v1/key/999", alice);

        (await aliceList.Content.ReadFromJsonAsync<JsonArray>())!.Select(k => k!["label"]!.GetValue<string>()).Should().Equal("a");
        own.StatusCode.Should().Be(HttpStatusCode.OK);
        bobReads.StatusCode.Should().Be(HttpStatusCode.NotFound);
        bobDeletes.StatusCode.Should().Be(HttpStatusCode.NotFound);
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await TargetWithBroker.MessageAsync(unknown)).Should().Be("API key 999 not found");
    }

    [Test]
    public async Task An_api_key_is_accepted_as_a_bearer_token_until_it_is_deleted()
    {
        await using var target = await TargetWithBroker.StartAsync();
        var alice = target.Tokens.Access("alice");
        var key = await CreateAsync(target, alice, "script");
        var value = key["key"]!.GetValue<string>();

        var withKey = await target.GetAsync("/api/v1/datasets/alice-private-1", value);
        var deleted = await target.SendAsync(HttpMethod.Delete, $"/api/v1/key/{key["id"]}", alice);
        var afterDelete = await target.GetAsync("/api/v1/datasets/alice-private-1", value);

        withKey.StatusCode.Should().Be(HttpStatusCode.OK);
        deleted.StatusCode.Should().Be(HttpStatusCode.OK);
        afterDelete.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        TargetWithBroker.Challenge(afterDelete).Should().Contain("invalid_token");
    }

    [Test]
    public async Task An_api_key_acts_with_the_roles_its_user_last_had()
    {
        await using var target = await TargetWithBroker.StartAsync();
        var key = (await CreateAsync(target, target.Tokens.Access("admin"), "ops"))["key"]!.GetValue<string>();

        var audit = await target.GetAsync("/api/v1/server/audit", key);

        audit.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Delete_without_an_id_is_405()
    {
        await using var target = await TargetWithBroker.StartAsync();

        var response = await target.SendAsync(HttpMethod.Delete, "/api/v1/key", target.Tokens.Access());

        response.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        (await TargetWithBroker.MessageAsync(response)).Should().Contain("DELETE not allowed");
    }

    private static async Task<JsonObject> CreateAsync(TargetWithBroker target, string token, string label)
    {
        var response = await target.SendAsync(HttpMethod.Post, $"/api/v1/key?label={label}", token);
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
