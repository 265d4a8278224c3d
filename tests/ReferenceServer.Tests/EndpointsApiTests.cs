using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.ReferenceServer.Tests.Support;

namespace PbenchAuthSpec.ReferenceServer.Tests;

/// <summary><c>GET /api/v1/endpoints</c> in both profiles (SPEC steps 1–2).</summary>
public sealed class EndpointsApiTests
{
    [Test]
    public async Task Pbench_profile_serves_identification_uri_templates_and_exactly_three_openid_keys()
    {
        await using var target = await TargetWithBroker.StartAsync();

        var body = await target.Http.GetFromJsonAsync<JsonObject>(new Uri("/api/v1/endpoints", UriKind.Relative));

        body!["identification"]!.GetValue<string>().Should().StartWith("Pbench server");
        body["uri"]!["datasets"]!["template"]!.GetValue<string>().Should().Be($"{target.Server.BaseUrl}/api/v1/datasets/{{dataset}}");
        body["uri"]!["datasets"]!["params"]!["dataset"]!["type"]!.GetValue<string>().Should().Be("string");
        var openid = body["openid"]!.AsObject();
        openid.Select(p => p.Key).Should().BeEquivalentTo("server", "realm", "client");
        openid["server"]!.GetValue<string>().Should().Be(target.Broker.BaseUrl);
        openid["realm"]!.GetValue<string>().Should().Be("pbench-server");
        openid["client"]!.GetValue<string>().Should().Be("pbench-client");
    }

    [Test]
    public async Task Diagram_profile_serves_the_auth_uri_and_client_id_only()
    {
        await using var target = await TargetWithBroker.StartAsync(profile: "diagram");

        var body = await target.Http.GetFromJsonAsync<JsonObject>(new Uri("/api/v1/endpoints", UriKind.Relative));

        body!.Select(p => p.Key).Should().BeEquivalentTo("identity_broker_auth_uri", "client_id");
        body!["identity_broker_auth_uri"]!.GetValue<string>().Should().Be($"{target.Broker.Issuer}/protocol/openid-connect/auth");
        body["client_id"]!.GetValue<string>().Should().Be("pbench-client");
    }

    [Test]
    public async Task Endpoints_need_no_credentials_and_ignore_a_bad_token()
    {
        await using var target = await TargetWithBroker.StartAsync();

        var response = await target.GetAsync("/api/v1/endpoints", "garbage");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Unknown_profile_or_bad_realm_is_refused_at_start_with_the_setting_named()
    {
        var profile = async () => await ReferenceServerHost.StartAsync(new() { Profile = "keycloak" });
        var realm = async () => await ReferenceServerHost.StartAsync(new() { Realm = "a/b" });
        var broker = async () => await ReferenceServerHost.StartAsync(new() { BrokerUrl = "ftp://x" });

        await profile.Should().ThrowAsync<ArgumentException>().WithMessage("profile 'keycloak' is not known*");
        await realm.Should().ThrowAsync<ArgumentException>().WithMessage("realm 'a/b' is not usable*");
        await broker.Should().ThrowAsync<ArgumentException>().WithMessage("broker URL 'ftp://x'*");
    }
}
