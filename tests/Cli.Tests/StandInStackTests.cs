using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.StandIns;

namespace PbenchAuthSpec.Cli.Tests;

public sealed class StandInStackTests
{
    [Test]
    public async Task A_target_host_of_localhost_is_what_the_broker_registers_while_the_target_still_binds_127_0_0_1()
    {
        await using var stack = await StandInStack.StartAsync(new StandInStackOptions { TargetHost = "localhost" });
        using var http = new HttpClient();

        stack.TargetUrl.Should().Be($"http://localhost:{stack.Target.Host.Port}");
        stack.Target.BaseUrl.Should().StartWith("http://127.0.0.1:");
        stack.Urls.Resolve("{target}/dashboard-kc/").Should().Be(stack.TargetUrl + "/dashboard-kc/");
        (await http.GetAsync(new Uri(stack.TargetUrl + "/api/v1/endpoints"))).IsSuccessStatusCode.Should().BeTrue("localhost reaches the 127.0.0.1 socket");
    }

    [Test]
    public async Task The_keycloak_version_reaches_the_stacks_broker_and_defaults_to_its_fixtures()
    {
        await using var keycloak24 = await StandInStack.StartAsync(new StandInStackOptions { KeycloakVersion = 24, StartTarget = false });
        await using var defaulted = await StandInStack.StartAsync(new StandInStackOptions { StartTarget = false });
        using var http = new HttpClient();

        var status24 = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync(new Uri(keycloak24.Broker.BaseUrl + "/__admin/broker")))!;
        var statusDefault = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync(new Uri(defaulted.Broker.BaseUrl + "/__admin/broker")))!;

        status24["keycloakVersion"]!.GetValue<int>().Should().Be(24);
        statusDefault["keycloakVersion"]!.GetValue<int>().Should().Be(26);
    }

    [Test]
    public async Task A_target_host_the_loopback_socket_cannot_answer_is_refused_in_one_line()
    {
        var start = () => StandInStack.StartAsync(new StandInStackOptions { TargetHost = "pbench.example.com" });

        await start.Should().ThrowAsync<ArgumentException>().WithMessage("TargetHost pbench.example.com: the stand-ins bind 127.0.0.1, which only 127.0.0.1 and localhost reach.*");
    }

    [Test]
    public async Task An_idp_issuer_replaces_mockidp_and_is_what_idp_resolves_to()
    {
        await using var stack = await StandInStack.StartAsync(new StandInStackOptions { IdpIssuer = "http://127.0.0.1:9/corp", StartTarget = false });

        stack.StartedMockIdp.Should().BeFalse();
        stack.IdpUrl.Should().Be("http://127.0.0.1:9/corp");
        stack.IdentityProviders().Should().ContainSingle().Which.Issuer.Should().Be("http://127.0.0.1:9/corp");
        var idp = () => stack.Idp;
        idp.Should().Throw<InvalidOperationException>().WithMessage("*MockIdp was not started*");
    }

    [Test]
    public async Task A_broker_fixture_with_a_literal_issuer_starts_no_mockidp()
    {
        using var fixture = TempFixture.From(json =>
            TempFixture.Realm(json, "pbench-server")["identityProviders"]![0]!["config"]!["issuer"] = "https://sso.example.com/realms/corp");

        await using var stack = await StandInStack.StartAsync(new StandInStackOptions { BrokerFixture = fixture.Path, StartTarget = false });

        stack.StartedMockIdp.Should().BeFalse();
        stack.IdentityProviders().Single().Issuer.Should().Be("https://sso.example.com/realms/corp");
    }

    // A broker to provision through the admin API: the provider a set-up script adds points at MockIdp.
    [Test]
    public async Task A_broker_fixture_without_identity_providers_still_starts_mockidp()
    {
        using var fixture = TempFixture.From(json =>
        {
            var realm = TempFixture.Realm(json, "pbench-server");
            realm.Remove("identityProviders");
            realm.Remove("identityProviderMappers");
        });

        await using var stack = await StandInStack.StartAsync(new StandInStackOptions { BrokerFixture = fixture.Path, StartTarget = false });

        stack.StartedMockIdp.Should().BeTrue();
        stack.IdpUrl.Should().Be(stack.Idp.BaseUrl);
    }
}
