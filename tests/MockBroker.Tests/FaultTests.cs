using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.MockBroker.Tests.Support;

namespace PbenchAuthSpec.MockBroker.Tests;

/// <summary>Each broker fault breaks exactly the rule it is named after (the spec must catch it).</summary>
public sealed class FaultTests
{
    [Test]
    public async Task Wrong_iss_changes_the_tokens_and_the_authorization_response_but_not_discovery()
    {
        await using var stack = await BrokerTestStack.StartAsync(o => o with { Faults = [BrokerFaults.WrongIss] });
        using var browser = stack.NewBrowser();
        var request = new AuthRequest();
        var parameters = await browser.LoginAsync(request);

        var tokens = await browser.ExchangeAsync(request, parameters["code"]);

        parameters["iss"].Should().NotBe(stack.RealmUrl);
        Jwt.Text(Jwt.Payload(tokens["access_token"]!.GetValue<string>()), "iss").Should().NotBe(stack.RealmUrl);
        Jwt.Text(Jwt.Payload(tokens["id_token"]!.GetValue<string>()), "iss").Should().NotBe(stack.RealmUrl);
        using var http = new HttpClient();
        (await http.GetFromJsonAsync<JsonObject>($"{stack.RealmUrl}/.well-known/openid-configuration"))!["issuer"]!.GetValue<string>().Should().Be(stack.RealmUrl);
    }

    [Test]
    public async Task State_not_echoed_drops_state_from_the_authorization_response()
    {
        await using var stack = await BrokerTestStack.StartAsync(o => o with { Faults = [BrokerFaults.StateNotEchoed] });
        using var browser = stack.NewBrowser();

        var parameters = await browser.LoginAsync(new AuthRequest());

        parameters.Should().ContainKey("code").And.NotContainKey("state");
    }

    [Test]
    public async Task Expires_in_mismatch_makes_expires_in_differ_from_exp_minus_iat()
    {
        await using var stack = await BrokerTestStack.StartAsync(o => o with { Faults = [BrokerFaults.ExpiresInMismatch] });

        var tokens = await TokenEndpointTests.Password(stack, "bob", "bob-password");

        var claims = Jwt.Payload(tokens["access_token"]!.GetValue<string>());
        tokens["expires_in"]!.GetValue<long>().Should().NotBe(Jwt.Number(claims, "exp") - Jwt.Number(claims, "iat"));
    }

    [Test]
    public async Task Missing_token_type_drops_token_type()
    {
        await using var stack = await BrokerTestStack.StartAsync(o => o with { Faults = [BrokerFaults.MissingTokenType] });

        (await TokenEndpointTests.Password(stack, "bob", "bob-password")).Should().NotContainKey("token_type");
    }

    [TestCase("bob", "bob-password")]
    [TestCase("admin", "admin-password")]
    public async Task No_audience_leaves_pbench_server_out_of_aud(string username, string password)
    {
        await using var stack = await BrokerTestStack.StartAsync(o => o with { Faults = [BrokerFaults.NoAudience] });

        var tokens = await TokenEndpointTests.Password(stack, username, password);

        Jwt.Payload(tokens["access_token"]!.GetValue<string>())["aud"]!.ToJsonString().Should().Be("\"account\"");
    }

    [Test]
    public async Task Unknown_kid_signs_with_a_key_the_jwks_does_not_publish()
    {
        await using var stack = await BrokerTestStack.StartAsync(o => o with { Faults = [BrokerFaults.UnknownKid] });
        using var http = new HttpClient();

        var tokens = await TokenEndpointTests.Password(stack, "bob", "bob-password");

        var kid = Jwt.Header(tokens["access_token"]!.GetValue<string>())["kid"]!.GetValue<string>();
        var jwks = (await http.GetFromJsonAsync<JsonObject>($"{stack.RealmUrl}/protocol/openid-connect/certs"))!;
        jwks["keys"]!.AsArray().Select(k => k!["kid"]!.GetValue<string>()).Should().NotContain(kid);
    }

    [Test]
    public async Task Faults_leave_the_master_realm_alone_so_the_admin_api_keeps_working()
    {
        await using var stack = await BrokerTestStack.StartAsync(o => o with { Faults = [.. BrokerFaults.All] });

        using var admin = await AdminClient.StartAsync(stack);

        (await admin.GetAsync<JsonArray>("/admin/realms/pbench-server/users?username=bob")).Should().ContainSingle();
    }

    [Test]
    public async Task Unknown_fault_name_at_start_is_refused_with_the_known_names()
    {
        var start = () => BrokerTestStack.StartAsync(o => o with { Faults = ["wrong-is"] });

        await start.Should().ThrowAsync<ArgumentException>().WithMessage("unknown broker fault 'wrong-is' (known: *)");
    }
}
