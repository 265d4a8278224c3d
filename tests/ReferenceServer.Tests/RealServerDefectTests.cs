using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.ReferenceServer.Tests.Support;

namespace PbenchAuthSpec.ReferenceServer.Tests;

/// <summary>
/// The switches that make ReferenceServer answer as the real Pbench server was observed to
/// (accept-no-exp, key-read-once, unknown-query-keys-400), each against the default's answer, and
/// what the real server accepts on the catalogue's rows (a repeated <c>metadata</c> key).
/// </summary>
public sealed class RealServerDefectTests
{
    private const string NeedsUser = "/api/v1/datasets?mine=true";

    [Test]
    public async Task Accept_no_exp_serves_a_token_without_exp_but_still_refuses_an_expired_one()
    {
        await using var target = await TargetWithBroker.StartAsync([DefectNames.AcceptNoExp]);
        await using var conforming = await TargetWithBroker.StartAsync();

        var noExp = await target.GetAsync(NeedsUser, target.Tokens.Access(change: c => c.Remove("exp")));
        var refused = await conforming.GetAsync(NeedsUser, conforming.Tokens.Access(change: c => c.Remove("exp")));
        var expired = await target.GetAsync(NeedsUser, target.Tokens.Access(change: c => c["exp"] = TargetWithBroker.Start.AddMinutes(-1).ToUnixTimeSeconds()));

        noExp.StatusCode.Should().Be(HttpStatusCode.OK);
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        expired.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "exp is checked when present");
    }

    [Test]
    public async Task Key_read_once_keeps_the_realm_key_it_read_first_and_refuses_a_rotated_one()
    {
        await using var target = await TargetWithBroker.StartAsync([DefectNames.KeyReadOnce]);
        var before = await target.GetAsync(NeedsUser, target.Tokens.Access());

        target.Broker.Rotate();
        var rotated = await target.GetAsync(NeedsUser, target.Tokens.Access());
        var unknownKidOldKey = await target.GetAsync(NeedsUser, target.Tokens.Access(signer: FakeBroker.FixtureKey));

        before.StatusCode.Should().Be(HttpStatusCode.OK);
        rotated.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the new key is never read");
        unknownKidOldKey.StatusCode.Should().Be(HttpStatusCode.OK, "the key read at first is still trusted");
        target.Broker.CertsReads.Should().Be(0, "Pbench reads the realm's public_key, not the JWKS");
        target.Broker.Host.Journal.Entries("broker").Count(e => e.Url.EndsWith("/realms/pbench-server", StringComparison.Ordinal)).Should().Be(1);
    }

    [Test]
    public async Task Without_key_read_once_a_rotated_key_is_fetched_and_accepted()
    {
        await using var target = await TargetWithBroker.StartAsync();
        (await target.GetAsync(NeedsUser, target.Tokens.Access())).StatusCode.Should().Be(HttpStatusCode.OK);

        target.Broker.Rotate();

        (await target.GetAsync(NeedsUser, target.Tokens.Access())).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Unknown_query_keys_400_refuses_a_query_token_on_the_dataset_apis_and_ignores_unknown_keys_on_api_key()
    {
        await using var target = await TargetWithBroker.StartAsync([DefectNames.UnknownQueryKeys400]);
        var token = target.Tokens.Access();

        var list = await target.GetAsync($"{NeedsUser}&access_token={token}");
        var dataset = await target.GetAsync($"/api/v1/datasets/alice-private-1?access_token={token}");
        var keys = await target.GetAsync($"/api/v1/key?access_token={token}&colour=red");
        var keysWithToken = await target.GetAsync("/api/v1/key?colour=red", token);

        list.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await TargetWithBroker.MessageAsync(list)).Should().Be("Unknown URL query keys: access_token");
        dataset.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        keys.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the query token is not a credential, and unknown keys are not looked at");
        keysWithToken.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task By_default_a_query_token_is_no_credential_and_unknown_keys_are_refused_everywhere()
    {
        await using var target = await TargetWithBroker.StartAsync();
        var token = target.Tokens.Access();

        var list = await target.GetAsync($"{NeedsUser}&access_token={token}");
        var keys = await target.GetAsync("/api/v1/key?colour=red", token);

        list.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        keys.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await TargetWithBroker.MessageAsync(keys)).Should().Be("Unknown URL query keys: colour");
    }

    [Test]
    public async Task The_dataset_list_accepts_metadata_repeated_as_the_dashboard_sends_it()
    {
        await using var target = await TargetWithBroker.StartAsync();

        var response = await target.GetAsync(
            "/api/v1/datasets?metadata=dataset.uploaded&metadata=dataset.name,server.deletion&metadata=user.dashboard.favorite&metadata=global.server.legacy&mine=true",
            target.Tokens.Access());
        var unknownNamespace = await target.GetAsync("/api/v1/datasets?metadata=secret.key&mine=true", target.Tokens.Access());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var first = (await response.Content.ReadFromJsonAsync<JsonObject>())!["results"]![0]!;
        first["resource_id"]!.GetValue<string>().Should().Be("alice-private-1");
        first["metadata"]!["dataset.name"]!.GetValue<string>().Should().Be("uperf_alice_2024.05.01T10.00.00");
        first["metadata"]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo("dataset.uploaded", "dataset.name", "server.deletion", "user.dashboard.favorite", "global.server.legacy");
        unknownNamespace.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}
