using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.MockBroker.Tests.Support;

namespace PbenchAuthSpec.MockBroker.Tests;

public sealed class RealmDocumentTests
{
    [Test]
    public async Task Realm_endpoint_publishes_the_active_key_as_base64_der_spki()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var http = new HttpClient();

        var realm = (await http.GetFromJsonAsync<JsonObject>(stack.RealmUrl))!;

        realm.Select(p => p.Key).Should().BeEquivalentTo("realm", "public_key", "token-service", "account-service", "tokens-not-before");
        realm["realm"]!.GetValue<string>().Should().Be("pbench-server");
        realm["token-service"]!.GetValue<string>().Should().Be($"{stack.RealmUrl}/protocol/openid-connect");
        realm["account-service"]!.GetValue<string>().Should().Be($"{stack.RealmUrl}/account");
        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(Convert.FromBase64String(realm["public_key"]!.GetValue<string>()), out _);
        rsa.ExportParameters(false).Modulus.Should().Equal(stack.Broker.SigningKey().Rsa.ExportParameters(false).Modulus);
    }

    [Test]
    public async Task Discovery_names_the_realm_issuer_and_keycloaks_endpoints()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var http = new HttpClient();

        var discovery = (await http.GetFromJsonAsync<JsonObject>($"{stack.RealmUrl}/.well-known/openid-configuration"))!;

        var oidc = $"{stack.RealmUrl}/protocol/openid-connect";
        Text(discovery, "issuer").Should().Be(stack.RealmUrl);
        Text(discovery, "authorization_endpoint").Should().Be($"{oidc}/auth");
        Text(discovery, "token_endpoint").Should().Be($"{oidc}/token");
        Text(discovery, "jwks_uri").Should().Be($"{oidc}/certs");
        Text(discovery, "userinfo_endpoint").Should().Be($"{oidc}/userinfo");
        Text(discovery, "end_session_endpoint").Should().Be($"{oidc}/logout");
        Text(discovery, "check_session_iframe").Should().Be($"{oidc}/login-status-iframe.html");
        discovery["code_challenge_methods_supported"]!.AsArray().Select(m => m!.GetValue<string>()).Should().Contain("S256");
        discovery["authorization_response_iss_parameter_supported"]!.GetValue<bool>().Should().BeTrue();
    }

    [Test]
    public async Task Every_endpoint_the_discovery_names_answers()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var http = new HttpClient();
        var discovery = (await http.GetFromJsonAsync<JsonObject>($"{stack.RealmUrl}/.well-known/openid-configuration"))!;

        foreach (var name in new[] { "jwks_uri", "check_session_iframe", "end_session_endpoint" })
        {
            var response = await http.GetAsync(new Uri(Text(discovery, name)));
            ((int)response.StatusCode).Should().BeLessThan(500, name);
            response.StatusCode.Should().NotBe(HttpStatusCode.NotFound, name);
        }
    }

    // Keycloak: services/src/main/java/org/keycloak/protocol/oidc/OIDCWellKnownProvider.java; only what MockBroker implements.
    [Test]
    public async Task Discovery_publishes_what_is_implemented_with_keycloaks_values()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var http = new HttpClient();
        var discovery = (await http.GetFromJsonAsync<JsonObject>($"{stack.RealmUrl}/.well-known/openid-configuration"))!;

        Strings(discovery, "claims_supported").Should().Equal("iss", "sub", "aud", "exp", "iat", "auth_time", "name", "given_name", "family_name", "preferred_username", "email", "acr", "azp", "nonce");
        Strings(discovery, "prompt_values_supported").Should().Equal("none", "login", "consent");
        Strings(discovery, "response_types_supported").Should().Equal("code");
        Strings(discovery, "token_endpoint_auth_methods_supported").Should().Equal("client_secret_basic", "client_secret_post");
        Strings(discovery, "scopes_supported").Should().StartWith("openid").And.Contain(["profile", "email", "roles"]);
        discovery.Should().NotContainKeys("device_authorization_endpoint", "backchannel_authentication_endpoint", "pushed_authorization_request_endpoint", "mtls_endpoint_aliases", "registration_endpoint", "frontchannel_logout_supported");
        Strings(discovery, "token_endpoint_auth_methods_supported").Should().NotContain(["private_key_jwt", "client_secret_jwt", "tls_client_auth"]);
        foreach (var name in new[] { "introspection_endpoint", "revocation_endpoint" })
        {
            var response = await http.PostAsync(new Uri(Text(discovery, name)), new FormUrlEncodedContent(new Dictionary<string, string>()));
            ((int)response.StatusCode).Should().BeOneOf([400, 401], name);
        }
    }

    [Test]
    public async Task Jwks_holds_the_realm_key_with_its_kid()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var http = new HttpClient();

        var jwks = (await http.GetFromJsonAsync<JsonObject>($"{stack.RealmUrl}/protocol/openid-connect/certs"))!;

        var key = jwks["keys"]!.AsArray().Should().ContainSingle().Subject!;
        key["kid"]!.GetValue<string>().Should().Be(stack.Broker.SigningKey().Kid);
        key["alg"]!.GetValue<string>().Should().Be("RS256");
        key["use"]!.GetValue<string>().Should().Be("sig");
    }

    [Test]
    public async Task Each_realm_has_its_own_issuer_and_key()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var http = new HttpClient();

        var other = (await http.GetFromJsonAsync<JsonObject>($"{stack.Broker.RealmUrl("other-realm")}/.well-known/openid-configuration"))!;

        Text(other, "issuer").Should().Be(stack.Broker.RealmUrl("other-realm"));
        stack.Broker.SigningKey("other-realm").Kid.Should().NotBe(stack.Broker.SigningKey().Kid);
    }

    [Test]
    public async Task Unknown_realm_is_404_with_an_error_body()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var http = new HttpClient();

        var response = await http.GetAsync(new Uri($"{stack.Broker.BaseUrl}/realms/nope/.well-known/openid-configuration"));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.GetValue<string>().Should().Be("Realm does not exist");
    }

    private static string Text(JsonObject json, string name) => json[name]!.GetValue<string>();

    private static List<string> Strings(JsonObject o, string name) => o[name]!.AsArray().Select(v => v!.GetValue<string>()).ToList();
}
