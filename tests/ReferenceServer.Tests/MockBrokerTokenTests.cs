using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using PbenchAuthSpec.MockBroker;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.ReferenceServer.Tests.Support;

namespace PbenchAuthSpec.ReferenceServer.Tests;

/// <summary>ReferenceServer trusting a real MockBroker: tokens from its password grant, its rotation, its faults.</summary>
public sealed class MockBrokerTokenTests
{
    [Test]
    public async Task Password_grant_tokens_for_bob_and_admin_get_200_and_403_by_their_rights()
    {
        await using var stack = await StartAsync();
        var bob = (await stack.PasswordGrantAsync("bob"))["access_token"]!.GetValue<string>();
        var admin = (await stack.PasswordGrantAsync("admin"))["access_token"]!.GetValue<string>();

        var bobsOwn = await stack.Target.GetAsync("/api/v1/datasets?mine=true", bob);
        var bobAudit = await stack.Target.GetAsync("/api/v1/server/audit", bob);
        var bobOnAlice = await stack.Target.GetAsync("/api/v1/datasets/alice-private-1", bob);
        var adminAudit = await stack.Target.GetAsync("/api/v1/server/audit", admin);

        bobsOwn.StatusCode.Should().Be(HttpStatusCode.OK);
        (await bobsOwn.Content.ReadAsStringAsync()).Should().Contain("bob-private-1").And.NotContain("alice-private-1");
        bobAudit.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        TargetWithBroker.Challenge(bobAudit).Should().StartWith("Bearer error=\"insufficient_scope\"");
        bobOnAlice.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        adminAudit.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task MockBrokers_id_token_and_refresh_token_are_not_access_tokens()
    {
        await using var stack = await StartAsync();
        var tokens = await stack.PasswordGrantAsync("bob");

        var idToken = await stack.Target.GetAsync("/api/v1/datasets?mine=true", tokens["id_token"]!.GetValue<string>());
        var refresh = await stack.Target.GetAsync("/api/v1/datasets?mine=true", tokens["refresh_token"]!.GetValue<string>());

        idToken.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        refresh.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        TargetWithBroker.Challenge(refresh).Should().Contain("invalid_token");
    }

    [Test]
    public async Task A_token_of_another_realm_is_refused()
    {
        await using var stack = await StartAsync();
        var other = (await stack.PasswordGrantAsync("alice", "other-realm"))["access_token"]!.GetValue<string>();

        var response = await stack.Target.GetAsync("/api/v1/datasets?mine=true", other);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task After_MockBroker_rotates_its_key_new_tokens_work_without_restart()
    {
        await using var stack = await StartAsync();
        var before = (await stack.PasswordGrantAsync("bob"))["access_token"]!.GetValue<string>();
        (await stack.Target.GetAsync("/api/v1/datasets?mine=true", before)).StatusCode.Should().Be(HttpStatusCode.OK);

        stack.Broker.RotateSigningKey();
        var after = (await stack.PasswordGrantAsync("bob"))["access_token"]!.GetValue<string>();
        var response = await stack.Target.GetAsync("/api/v1/datasets?mine=true", after);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task A_MockBroker_token_is_refused_once_the_servers_clock_passes_its_exp()
    {
        await using var stack = await StartAsync();
        var bob = (await stack.PasswordGrantAsync("bob"))["access_token"]!.GetValue<string>();

        stack.Clock.Advance(TimeSpan.FromHours(1));
        var response = await stack.Target.GetAsync("/api/v1/datasets?mine=true", bob);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await TargetWithBroker.MessageAsync(response)).Should().Contain("expired");
    }

    [TestCase("no-audience", "aud")]
    [TestCase("wrong-iss", "iss")]
    [TestCase("unknown-kid", "no key with kid")]
    public async Task A_broker_fault_in_the_token_is_refused_with_401(string fault, string reason)
    {
        await using var stack = await StartAsync(fault);
        var bob = (await stack.PasswordGrantAsync("bob"))["access_token"]!.GetValue<string>();

        var response = await stack.Target.GetAsync("/api/v1/datasets?mine=true", bob);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await TargetWithBroker.MessageAsync(response)).Should().Contain(reason);
    }

    private static async Task<BrokerAndTarget> StartAsync(params string[] faults)
    {
        var stack = new StackUrls();
        var journal = new Journal();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var broker = await MockBrokerServer.StartAsync(new MockBrokerOptions { Stack = stack, Journal = journal, Faults = faults });
        var target = await ReferenceServerHost.StartAsync(new ReferenceServerOptions { Stack = stack, Journal = journal, Clock = clock });
        return new BrokerAndTarget(broker, target, clock);
    }

    private sealed class BrokerAndTarget(MockBrokerServer broker, ReferenceServerHost server, FakeTimeProvider clock) : IAsyncDisposable
    {
        private readonly HttpClient _http = new();

        public MockBrokerServer Broker => broker;

        public FakeTimeProvider Clock => clock;

        public TargetClient Target { get; } = new(server);

        /// <summary>Pbench's functional tests log in this way: the password grant of the public client.</summary>
        public async Task<JsonObject> PasswordGrantAsync(string username, string realm = "pbench-server")
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "password",
                ["client_id"] = "pbench-client",
                ["username"] = username,
                ["password"] = $"{username}-password",
                ["scope"] = "openid profile email",
            });
            var response = await _http.PostAsync(new Uri($"{broker.RealmUrl(realm)}/protocol/openid-connect/token"), form);
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        }

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            Target.Dispose();
            await server.DisposeAsync();
            await broker.DisposeAsync();
        }
    }
}
