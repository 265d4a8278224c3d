using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.MockBroker;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Engine;
using PbenchAuthSpec.SpecTests.Settings;
using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Tests;

/// <summary>What step 5 compares the broker's client at the IdP with: the broker's admin API, over HTTP in every set-up.</summary>
public sealed class BrokerAdminApiTests
{
    private static readonly BrokerAdminCredentials Admin = new(BrokerAdminCredentials.StandInAdmin, "the test's own");

    [Test]
    public async Task The_broker_s_client_at_the_IdP_is_read_from_Keycloak_s_identity_provider_instance()
    {
        await using var broker = await MockBrokerServer.StartAsync();
        // Keycloak's IdentityProviderRepresentation: the client id is under config.
        broker.Host.Mappings.AddRange(FaultMapping.Parse("""
            { "Request": { "Path": "/admin/realms/pbench-server/identity-provider/instances/corp-sso", "Methods": ["GET"] },
              "Response": { "StatusCode": 200, "BodyAsJson": { "alias": "corp-sso", "providerId": "oidc", "config": { "clientId": "broker-at-corp" } } } }
            """, "test"));
        using var http = new HarnessHttp(new TraceLog(), TimeProvider.System, TimeSpan.FromSeconds(10), ignoreTlsErrors: false);
        var api = new BrokerAdminApi(http, BrokerFacts.Conventional(broker.RealmUrl()), Admin);

        (await api.IdentityProviderClientIdAsync("corp-sso", CancellationToken.None)).Should().Be("broker-at-corp");
        (await api.ProblemAsync(CancellationToken.None)).Should().BeNull();
    }

    [Test]
    public async Task MockBroker_s_own_identity_provider_instance_names_its_client_at_the_IdP()
    {
        await using var broker = await MockBrokerServer.StartAsync();
        using var http = new HarnessHttp(new TraceLog(), TimeProvider.System, TimeSpan.FromSeconds(10), ignoreTlsErrors: false);
        var api = new BrokerAdminApi(http, BrokerFacts.Conventional(broker.RealmUrl()), Admin);

        (await api.IdentityProviderClientIdAsync("mockidp", CancellationToken.None)).Should().Be("pbench-broker");
        (await api.IdentityProviderClientIdAsync("no-such-idp", CancellationToken.None)).Should().BeNull();
    }

    [Test]
    public async Task Refused_admin_credentials_leave_the_client_unknown_and_say_why()
    {
        await using var broker = await MockBrokerServer.StartAsync();
        using var http = new HarnessHttp(new TraceLog(), TimeProvider.System, TimeSpan.FromSeconds(10), ignoreTlsErrors: false);
        var api = new BrokerAdminApi(http, BrokerFacts.Conventional(broker.RealmUrl()), Admin with { Credential = Admin.Credential! with { Password = "wrong" } });

        (await api.IdentityProviderClientIdAsync("mockidp", CancellationToken.None)).Should().BeNull();
        (await api.ProblemAsync(CancellationToken.None)).Should().Contain("the broker's admin login (realm master, admin-cli, kc-admin: the test's own) answered 401", "the refusal names the account and where it came from");
    }

    [Test]
    public async Task Without_credentials_the_admin_API_is_not_called_and_the_problem_says_where_none_came_from()
    {
        await using var broker = await MockBrokerServer.StartAsync();
        var log = new TraceLog();
        using var http = new HarnessHttp(log, TimeProvider.System, TimeSpan.FromSeconds(10), ignoreTlsErrors: false);
        var none = BrokerAdminCredentials.For(new UserSettings(), standInBroker: false);
        var api = new BrokerAdminApi(http, BrokerFacts.Conventional(broker.RealmUrl()), none);

        (await api.IdentityProviderClientIdAsync("mockidp", CancellationToken.None)).Should().BeNull();
        (await api.ProblemAsync(CancellationToken.None)).Should().Contain("no broker admin credentials, none set (PBENCH_AUTH_SPEC_BROKER_ADMIN_USERNAME/PASSWORD");
        log.Snapshot().Should().BeEmpty("nothing is sent to the broker's master realm");
    }
}
