using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.ReferenceServer.Tests.Support;

namespace PbenchAuthSpec.ReferenceServer.Tests;

/// <summary>Pbench's identity from a token: sub, preferred_username (else sub), one sub per username.</summary>
public sealed class IdentityTests
{
    [Test]
    public async Task Username_is_preferred_username()
    {
        await using var target = await TargetWithBroker.StartAsync();

        var key = await CreateKeyAsync(target, target.Tokens.Access("bob"));

        key["username"]!.GetValue<string>().Should().Be("bob");
    }

    [Test]
    public async Task Username_falls_back_to_sub_without_preferred_username()
    {
        await using var target = await TargetWithBroker.StartAsync();
        var token = target.Tokens.Access("carol", c => c.Remove("preferred_username"));

        var key = await CreateKeyAsync(target, token);

        key["username"]!.GetValue<string>().Should().Be(TokenFactory.SubjectOf("carol"));
    }

    [Test]
    public async Task A_username_already_known_under_another_sub_is_refused_with_401()
    {
        await using var target = await TargetWithBroker.StartAsync();
        var first = await target.GetAsync("/api/v1/datasets/alice-private-1", target.Tokens.Access("alice"));
        var impostor = target.Tokens.Access("alice", c => c["sub"] = "another-alice-subject");

        var second = await target.GetAsync("/api/v1/datasets/alice-private-1", impostor);
        var original = await target.GetAsync("/api/v1/datasets/alice-private-1", target.Tokens.Access("alice"));

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await TargetWithBroker.MessageAsync(second)).Should().Contain("'alice' is already known under a different subject");
        original.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task A_user_the_seed_never_named_is_known_once_it_has_logged_in()
    {
        await using var target = await TargetWithBroker.StartAsync();
        var admin = target.Tokens.Access("admin");

        var before = await target.SendAsync(HttpMethod.Post, "/api/v1/datasets/bob-public-1?owner=dave", admin);
        await target.GetAsync("/api/v1/datasets", target.Tokens.Access("dave"));
        var after = await target.SendAsync(HttpMethod.Post, "/api/v1/datasets/bob-public-1?owner=dave", admin);

        before.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        after.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static async Task<JsonObject> CreateKeyAsync(TargetWithBroker target, string token)
    {
        var response = await target.SendAsync(HttpMethod.Post, "/api/v1/key", token);
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
