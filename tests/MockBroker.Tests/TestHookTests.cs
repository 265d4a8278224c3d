using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.MockBroker.Tests.Support;

namespace PbenchAuthSpec.MockBroker.Tests;

public sealed class TestHookTests
{
    private static readonly string[] SettingsWithDefaults = ["accessTokenLifespan", "ssoSessionIdleTimeout", "accessCodeLifespan", "identityProviders", "identityProviderMappers"];

    [Test]
    public async Task Rotated_key_signs_new_tokens_while_the_old_one_stays_published_for_the_grace_period()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var http = new HttpClient();
        var oldKid = stack.Broker.SigningKey().Kid;

        stack.Broker.RotateSigningKey();
        var tokens = await TokenEndpointTests.Password(stack, "bob", "bob-password");
        var during = await Kids(http, stack);
        stack.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        var after = await Kids(http, stack);

        var newKid = stack.Broker.SigningKey().Kid;
        newKid.Should().NotBe(oldKid);
        Jwt.Header(tokens["access_token"]!.GetValue<string>())["kid"]!.GetValue<string>().Should().Be(newKid);
        during.Should().Equal(newKid, oldKid);
        after.Should().Equal(newKid);
        var realm = (await http.GetFromJsonAsync<JsonObject>(stack.RealmUrl))!;
        realm["public_key"]!.GetValue<string>().Should().Be(stack.Broker.SigningKey().PublicKeyDerBase64);
    }

    [Test]
    public async Task Http_hooks_rotate_the_key_and_set_lifetimes()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(stack.Broker.BaseUrl) };
        var oldKid = stack.Broker.SigningKey().Kid;

        var rotated = await http.PostAsync(new Uri("/__admin/broker/realms/pbench-server/rotate-key", UriKind.Relative), Json(""));
        var lifetimes = await http.PostAsync(new Uri("/__admin/broker/realms/pbench-server/lifetimes", UriKind.Relative), Json("""{"accessToken":30}"""));
        var status = await http.GetFromJsonAsync<JsonObject>(new Uri("/__admin/broker", UriKind.Relative));

        rotated.StatusCode.Should().Be(HttpStatusCode.OK);
        (await rotated.Content.ReadFromJsonAsync<JsonObject>())!["kid"]!.GetValue<string>().Should().Be(stack.Broker.SigningKey().Kid).And.NotBe(oldKid);
        lifetimes.StatusCode.Should().Be(HttpStatusCode.OK);
        var realm = status!["realms"]!.AsArray().Single(r => r!["realm"]!.GetValue<string>() == "pbench-server")!;
        realm["accessTokenLifespan"]!.GetValue<long>().Should().Be(30);
        (await TokenEndpointTests.Password(stack, "bob", "bob-password"))["expires_in"]!.GetValue<long>().Should().Be(30);
    }

    [Test]
    public async Task During_a_rotation_the_broker_keeps_honouring_tokens_the_old_key_signed()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        var before = await TokenEndpointTests.Password(stack, "bob", "bob-password");

        stack.Broker.RotateSigningKey();
        var response = await UserinfoAndLogoutTests.Userinfo(stack, before["access_token"]!.GetValue<string>());

        response.StatusCode.Should().Be(HttpStatusCode.OK, "the old key stays valid, as a Keycloak passive key");
    }

    [Test]
    public async Task Restoring_brings_back_the_original_key_alone_in_process_and_over_http()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(stack.Broker.BaseUrl) };
        var original = stack.Broker.SigningKey();

        var notRotated = stack.Broker.RestoreSigningKey();
        stack.Broker.RotateSigningKey();
        stack.Broker.RotateSigningKey();
        var restored = await http.PostAsync(new Uri("/__admin/broker/realms/pbench-server/restore-key", UriKind.Relative), Json(""));
        var again = await http.PostAsync(new Uri("/__admin/broker/realms/pbench-server/restore-key", UriKind.Relative), Json(""));
        var unknown = await http.PostAsync(new Uri("/__admin/broker/realms/nowhere/restore-key", UriKind.Relative), Json(""));

        notRotated.Should().BeFalse();
        (await restored.Content.ReadAsStringAsync()).Should().Be(new JsonObject { ["realm"] = "pbench-server", ["kid"] = original.Kid, ["restored"] = true }.ToJsonString());
        (await again.Content.ReadFromJsonAsync<JsonObject>())!["restored"]!.GetValue<bool>().Should().BeFalse();
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        stack.Broker.SigningKey().Kid.Should().Be(original.Kid);
        (await Kids(http, stack)).Should().Equal(original.Kid);
        var token = await TokenEndpointTests.Password(stack, "bob", "bob-password");
        Jwt.Header(token["access_token"]!.GetValue<string>())["kid"]!.GetValue<string>().Should().Be(original.Kid);
        (await http.GetFromJsonAsync<JsonObject>(stack.RealmUrl))!["public_key"]!.GetValue<string>().Should().Be(original.PublicKeyDerBase64);
    }

    [Test]
    public async Task Settings_left_out_of_the_fixture_keep_their_defaults()
    {
        using var fixture = TempFixture.From(json =>
        {
            var realm = TempFixture.Realm(json, "pbench-server");
            foreach (var setting in SettingsWithDefaults)
            {
                realm.Remove(setting);
            }
        });
        await using var stack = await BrokerTestStack.StartAsync(o => o with { FixtureFile = fixture.Path });
        using var http = new HttpClient { BaseAddress = new Uri(stack.Broker.BaseUrl) };

        var status = await http.GetFromJsonAsync<JsonObject>(new Uri("/__admin/broker", UriKind.Relative));

        var realm = status!["realms"]!.AsArray().Single(r => r!["realm"]!.GetValue<string>() == "pbench-server")!;
        realm["accessTokenLifespan"]!.GetValue<long>().Should().Be(300);
        realm["ssoSessionIdleTimeout"]!.GetValue<long>().Should().Be(1800);
        realm["accessCodeLifespan"]!.GetValue<long>().Should().Be(60);
        (await TokenEndpointTests.Password(stack, "bob", "bob-password"))["expires_in"]!.GetValue<long>().Should().Be(300);
    }

    [TestCase("""{"accessToken":0}""")]
    [TestCase("""{"code":"soon"}""")]
    [TestCase("not json")]
    public async Task Lifetimes_hook_refuses_bad_values(string body)
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var http = new HttpClient();

        var response = await http.PostAsync(new Uri($"{stack.Broker.BaseUrl}/__admin/broker/realms/pbench-server/lifetimes"), Json(body));

        await TokenEndpointTests.ExpectError(response, HttpStatusCode.BadRequest, "invalid_request");
    }

    [Test]
    public async Task Faults_switch_on_and_off_over_http_and_in_process()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(stack.Broker.BaseUrl) };

        (await http.PutAsync(new Uri("/__admin/broker/faults/missing-token-type", UriKind.Relative), Json(""))).StatusCode.Should().Be(HttpStatusCode.OK);
        stack.Broker.Faults.Should().Contain(BrokerFaults.MissingTokenType);
        (await TokenEndpointTests.Password(stack, "bob", "bob-password")).Should().NotContainKey("token_type");
        using var delete = new HttpRequestMessage(HttpMethod.Delete, new Uri("/__admin/broker/faults/missing-token-type", UriKind.Relative)) { Content = Json("") };
        (await http.SendAsync(delete)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await TokenEndpointTests.Password(stack, "bob", "bob-password")).Should().ContainKey("token_type");
        (await http.PutAsync(new Uri("/__admin/broker/faults/no-such-fault", UriKind.Relative), Json(""))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        stack.Broker.Faults.Invoking(f => f.Add("no-such-fault")).Should().Throw<ArgumentException>().WithMessage("*known: *wrong-iss*");
    }

    private static async Task<List<string>> Kids(HttpClient http, BrokerTestStack stack) =>
        (await http.GetFromJsonAsync<JsonObject>($"{stack.RealmUrl}/protocol/openid-connect/certs"))!["keys"]!.AsArray().Select(k => k!["kid"]!.GetValue<string>()).ToList();

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
