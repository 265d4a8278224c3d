using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Tests;

/// <summary>MockBroker's foreign mode plays a Keycloak the harness does not own: no /__admin, a key of its own, no journal.</summary>
public sealed class ForeignModeTests
{
    [TestCase("/__admin/requests")]
    [TestCase("/__admin/mappings")]
    [TestCase("/__admin/broker")]
    [TestCase("/__admin/broker/realms/pbench-server/rotate-key")]
    public async Task Every_admin_path_is_a_404_in_foreign_mode(string path)
    {
        await using var broker = await MockBrokerServer.StartAsync(new MockBrokerOptions { Foreign = true });
        using var http = new HttpClient { BaseAddress = new Uri(broker.BaseUrl) };

        var get = await http.GetAsync(new Uri(path, UriKind.Relative));
        var post = await http.PostAsync(new Uri(path, UriKind.Relative), JsonContent.Create(new JsonObject()));

        get.StatusCode.Should().Be(HttpStatusCode.NotFound);
        post.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Foreign_mode_signs_with_a_key_made_at_start_not_the_fixture_key_and_journals_nothing()
    {
        var journal = new Journal();
        await using var foreign = await MockBrokerServer.StartAsync(new MockBrokerOptions { Foreign = true, Journal = journal });
        await using var again = await MockBrokerServer.StartAsync(new MockBrokerOptions { Foreign = true });
        var fixtureKey = SigningKey.FromPemFile(FixturePaths.File("keys", "broker-signing.pem"));
        using var http = new HttpClient();

        var jwks = (await http.GetFromJsonAsync<JsonObject>(new Uri($"{foreign.RealmUrl()}/protocol/openid-connect/certs")))!;

        foreign.SigningKey().PublicKeyDerBase64.Should().NotBe(fixtureKey.PublicKeyDerBase64);
        foreign.SigningKey().Kid.Should().NotBe(again.SigningKey().Kid, "each start makes its own key");
        jwks["keys"]!.AsArray().Select(k => (string)k!["kid"]!).Should().Equal(foreign.SigningKey().Kid);
        journal.Entries().Should().BeEmpty("the journal is off");
    }

    [Test]
    public async Task Without_foreign_mode_the_hooks_answer_and_the_fixture_key_signs()
    {
        await using var broker = await MockBrokerServer.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(broker.BaseUrl) };

        var status = await http.GetAsync(new Uri("/__admin/broker", UriKind.Relative));

        status.StatusCode.Should().Be(HttpStatusCode.OK);
        broker.SigningKey().PublicKeyDerBase64.Should().Be(SigningKey.FromPemFile(FixturePaths.File("keys", "broker-signing.pem")).PublicKeyDerBase64);
    }
}
