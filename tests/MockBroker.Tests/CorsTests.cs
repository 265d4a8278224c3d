using System.Net;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.MockBroker.Tests.Support;

namespace PbenchAuthSpec.MockBroker.Tests;

public sealed class CorsTests
{
    [Test]
    public async Task Token_response_to_a_registered_web_origin_allows_it_with_credentials()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        var request = new AuthRequest();
        var code = (await browser.LoginAsync(request))["code"];

        var response = await browser.PostFormAsync(stack.TokenUrl, request.TokenForm(code), origin: BrokerTestStack.Target);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal(BrokerTestStack.Target);
        response.Headers.GetValues("Access-Control-Allow-Credentials").Should().Equal("true");
    }

    [Test]
    public async Task Token_error_to_a_registered_web_origin_is_readable_too()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();

        var response = await browser.PostFormAsync(stack.TokenUrl, new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["client_id"] = "pbench-client", ["code"] = "nope" }, origin: BrokerTestStack.Target);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal(BrokerTestStack.Target);
    }

    [TestCase("http://evil.example")]
    [TestCase("http://dashboard.invalid.evil.example")]
    [TestCase("null")]
    public async Task Other_origins_get_no_cors_header(string origin)
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();

        var response = await browser.PostFormAsync(stack.TokenUrl, new Dictionary<string, string> { ["grant_type"] = "password", ["client_id"] = "pbench-client", ["username"] = "bob", ["password"] = "bob-password" }, origin: origin);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }

    [TestCase("http://dashboard.invalid", true)]
    [TestCase("http://evil.example", false)]
    public async Task Preflight_is_answered_for_a_registered_origin_only(string origin, bool allowed)
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, stack.TokenUrl);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization");

        var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.Contains("Access-Control-Allow-Origin").Should().Be(allowed);
        if (allowed)
        {
            response.Headers.GetValues("Access-Control-Allow-Methods").Single().Should().Contain("POST");
            response.Headers.GetValues("Access-Control-Allow-Headers").Single().Should().Contain("Authorization");
        }
    }

    [Test]
    public async Task Userinfo_allows_the_origins_named_in_the_token()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        var tokens = await TokenEndpointTests.Password(stack, "bob", "bob-password");
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{stack.RealmUrl}/protocol/openid-connect/userinfo");
        request.Headers.Add("Origin", BrokerTestStack.Target);
        request.Headers.Authorization = new("Bearer", tokens["access_token"]!.GetValue<string>());

        var response = await http.SendAsync(request);

        response.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal(BrokerTestStack.Target);
    }

    [Test]
    public async Task No_cors_fault_removes_every_cors_header()
    {
        await using var stack = await BrokerTestStack.StartAsync(o => o with { Faults = [BrokerFaults.NoCors] });
        using var browser = stack.NewBrowser();

        var response = await browser.PostFormAsync(stack.TokenUrl, new Dictionary<string, string> { ["grant_type"] = "password", ["client_id"] = "pbench-client", ["username"] = "bob", ["password"] = "bob-password" }, origin: BrokerTestStack.Target);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
        response.Headers.Contains("Access-Control-Allow-Credentials").Should().BeFalse();
    }

    // Keycloak allows every origin, with credentials, on the realm's public documents:
    // services/src/main/java/org/keycloak/protocol/oidc/OIDCLoginProtocolService.java (certs),
    // services/resources/PublicRealmResource.java and RealmsResource.java (well-known).
    [TestCase("/protocol/openid-connect/certs")]
    [TestCase("/.well-known/openid-configuration")]
    [TestCase("")]
    public async Task Public_realm_documents_allow_any_origin_as_Keycloak_does(string path)
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, stack.RealmUrl + path);
        request.Headers.Add("Origin", "http://any-resource-server.example");

        var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("http://any-resource-server.example");
        response.Headers.GetValues("Access-Control-Allow-Credentials").Should().Equal("true");
    }

    [Test]
    public async Task The_no_cors_fault_still_silences_the_public_documents()
    {
        await using var stack = await BrokerTestStack.StartAsync(o => o with { Faults = [BrokerFaults.NoCors] });
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{stack.RealmUrl}/protocol/openid-connect/certs");
        request.Headers.Add("Origin", BrokerTestStack.Target);

        var response = await http.SendAsync(request);

        response.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }
}
