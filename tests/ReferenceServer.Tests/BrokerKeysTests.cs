using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.ReferenceServer.Auth;
using PbenchAuthSpec.ReferenceServer.Tests.Support;

namespace PbenchAuthSpec.ReferenceServer.Tests;

/// <summary>How the server gets the broker's keys: lazily, re-fetched once on an unknown kid, rate-limited.</summary>
public sealed class BrokerKeysTests
{
    private const string NeedsUser = "/api/v1/datasets?mine=true";

    [Test]
    public async Task Keys_are_read_on_first_use_not_at_start()
    {
        await using var target = await TargetWithBroker.StartAsync();

        target.Broker.CertsReads.Should().Be(0);
        (await target.GetAsync(NeedsUser, target.Tokens.Access())).StatusCode.Should().Be(HttpStatusCode.OK);
        (await target.GetAsync(NeedsUser, target.Tokens.Access("bob"))).StatusCode.Should().Be(HttpStatusCode.OK);

        target.Broker.CertsReads.Should().Be(1);
    }

    [Test]
    public async Task A_rotated_key_works_without_restart_and_the_old_key_still_works()
    {
        await using var target = await TargetWithBroker.StartAsync();
        var oldToken = target.Tokens.Access();
        (await target.GetAsync(NeedsUser, oldToken)).StatusCode.Should().Be(HttpStatusCode.OK);

        target.Broker.Rotate();
        var rotated = await target.GetAsync(NeedsUser, target.Tokens.Access());
        var old = await target.GetAsync(NeedsUser, oldToken);

        rotated.StatusCode.Should().Be(HttpStatusCode.OK);
        old.StatusCode.Should().Be(HttpStatusCode.OK);
        target.Broker.CertsReads.Should().Be(2);
    }

    [Test]
    public async Task A_key_the_broker_no_longer_publishes_is_refused_after_a_rotation_refetch()
    {
        await using var target = await TargetWithBroker.StartAsync();
        var oldKey = target.Broker.ActiveKey;
        var oldToken = target.Tokens.Access();
        target.Broker.Rotate();
        target.Broker.Unpublish(oldKey);

        var rotated = await target.GetAsync(NeedsUser, target.Tokens.Access());
        var old = await target.GetAsync(NeedsUser, oldToken);

        rotated.StatusCode.Should().Be(HttpStatusCode.OK);
        old.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await TargetWithBroker.MessageAsync(old)).Should().Contain($"no key with kid '{oldKey.Kid}'");
    }

    [Test]
    public async Task Unknown_kids_are_refetched_at_most_five_times_per_window()
    {
        await using var target = await TargetWithBroker.StartAsync();
        (await target.GetAsync(NeedsUser, target.Tokens.Access())).StatusCode.Should().Be(HttpStatusCode.OK);

        for (var i = 0; i < 5; i++)
        {
            (await target.GetAsync(NeedsUser, target.Tokens.Access(signer: SigningKey.Generate()))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        var limited = await target.GetAsync(NeedsUser, target.Tokens.Access(signer: SigningKey.Generate()));

        target.Broker.CertsReads.Should().Be(1 + 5);
        limited.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await TargetWithBroker.MessageAsync(limited)).Should().Contain("not re-fetched again so soon");
    }

    [Test]
    public async Task The_same_unknown_kid_is_refetched_once_per_window()
    {
        await using var target = await TargetWithBroker.StartAsync();
        var stranger = SigningKey.Generate();

        await target.GetAsync(NeedsUser, target.Tokens.Access(signer: stranger));
        await target.GetAsync(NeedsUser, target.Tokens.Access(signer: stranger));
        var readsWithinWindow = target.Broker.CertsReads;
        target.Clock.Advance(BrokerKeysWindow);
        await target.GetAsync(NeedsUser, target.Tokens.Access(signer: stranger));

        readsWithinWindow.Should().Be(2, "the first use reads the keys, the unknown kid re-reads them once");
        target.Broker.CertsReads.Should().Be(3);
    }

    [Test]
    public async Task A_rotation_during_a_rate_limited_window_is_picked_up_when_the_window_ends()
    {
        await using var target = await TargetWithBroker.StartAsync();
        for (var i = 0; i < 6; i++)
        {
            await target.GetAsync(NeedsUser, target.Tokens.Access(signer: SigningKey.Generate()));
        }

        target.Broker.Rotate();
        var during = await target.GetAsync(NeedsUser, target.Tokens.Access());
        target.Clock.Advance(BrokerKeysWindow);
        var after = await target.GetAsync(NeedsUser, target.Tokens.Access());

        during.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        after.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Server_starts_before_the_broker_and_uses_it_once_the_stack_knows_it()
    {
        var clock = new FakeTimeProvider(TargetWithBroker.Start);
        var stack = new StackUrls();
        await using var server = await ReferenceServerHost.StartAsync(new ReferenceServerOptions { Stack = stack, Clock = clock });
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        await using var broker = await FakeBroker.StartAsync(clock);
        var token = broker.Tokens.Access();

        var before = await SendAsync(http, NeedsUser, token);
        var config = await http.GetStringAsync(new Uri("/api/v1/endpoints", UriKind.Relative));
        stack.Set("broker", broker.BaseUrl);
        var after = await SendAsync(http, NeedsUser, token);

        before.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await TargetWithBroker.MessageAsync(before)).Should().Contain("no identity broker is configured");
        config.Should().NotContain("openid");
        after.StatusCode.Should().Be(HttpStatusCode.OK);
        stack.Get("target").Should().Be(server.BaseUrl);
    }

    [Test]
    public async Task Unreachable_broker_gives_503_with_what_to_do_and_recovers_when_it_answers()
    {
        await using var target = await TargetWithBroker.StartAsync();
        target.Broker.Host.Mappings.AddRange(FaultMapping.Parse(
            """{"Title":"down","Times":1,"Request":{"Path":"/realms/*"},"Response":{"StatusCode":503}}""", "test"));
        var token = target.Tokens.Access();

        var down = await target.GetAsync(NeedsUser, token);
        var publicRead = await target.GetAsync("/api/v1/datasets", token);
        var up = await target.GetAsync(NeedsUser, token);

        down.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await TargetWithBroker.MessageAsync(down)).Should().Contain("HTTP 503").And.Contain("start the broker or fix --broker-url");
        publicRead.StatusCode.Should().Be(HttpStatusCode.OK, "public reads are served as anonymous when the token cannot be checked");
        up.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Broker_whose_discovery_names_another_issuer_is_not_trusted()
    {
        await using var target = await TargetWithBroker.StartAsync();
        var wrongIssuer = new JsonObject
        {
            ["Request"] = new JsonObject { ["Path"] = "/realms/pbench-server/.well-known/openid-configuration" },
            ["Response"] = new JsonObject
            {
                ["StatusCode"] = 200,
                ["BodyAsJson"] = new JsonObject
                {
                    ["issuer"] = "http://elsewhere/realms/pbench-server",
                    ["jwks_uri"] = $"{target.Broker.Issuer}/protocol/openid-connect/certs",
                },
            },
        };
        target.Broker.Host.Mappings.AddRange(FaultMapping.Parse(wrongIssuer.ToJsonString(), "test"));

        var response = await target.GetAsync(NeedsUser, target.Tokens.Access());

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await TargetWithBroker.MessageAsync(response)).Should().Contain("names issuer 'http://elsewhere/realms/pbench-server'").And.Contain("check --broker-url and --realm");
    }

    [Test]
    public async Task Api_keys_work_while_the_broker_is_down()
    {
        await using var target = await TargetWithBroker.StartAsync();
        var created = await target.SendAsync(HttpMethod.Post, "/api/v1/key?label=ci", target.Tokens.Access());
        var key = (await created.Content.ReadFromJsonAsync<JsonObject>())!["key"]!.GetValue<string>();
        target.Broker.Host.Mappings.AddRange(FaultMapping.Parse(
            """{"Title":"down","Request":{"Path":"/realms/*"},"Response":{"StatusCode":503}}""", "test"));
        var readsBefore = target.Broker.Host.Journal.Entries("broker").Count;

        var response = await target.GetAsync(NeedsUser, key);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        target.Broker.Host.Journal.Entries("broker").Should().HaveCount(readsBefore, "an API key is looked up without asking the broker");
    }

    private static TimeSpan BrokerKeysWindow => BrokerKeys.RefetchWindow;

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", token);
        return await http.SendAsync(request);
    }
}
