using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NUnit.Framework;
using PbenchAuthSpec.MockBroker.Tests.Support;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Tests;

/// <summary>
/// OIDC Back-Channel Logout 1.0 as Keycloak does it: a signed logout_token POSTed to each client's
/// back-channel logout URL when its session ends. Keycloak:
/// services/src/main/java/org/keycloak/protocol/oidc/OIDCLoginProtocol.java (backchannelLogout) and TokenManager.java (initLogoutToken).
/// </summary>
public sealed class BackchannelLogoutTests
{
    [Test]
    public async Task Logout_posts_a_signed_logout_token_to_the_clients_backchannel_url()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        var received = new ConcurrentQueue<string>();
        await using var receiver = await StandInHost.StartAsync(new StandInHostOptions { Name = "rp" }, (app, _) =>
            app.MapPost("/backchannel-logout", async (HttpContext http) => received.Enqueue((await http.Request.ReadFormAsync())["logout_token"].ToString())));
        using var admin = await AdminClient.StartAsync(stack);
        var client = (await admin.GetAsync<JsonArray>("/admin/realms/pbench-server/clients?clientId=pbench-client"))[0]!["id"]!.GetValue<string>();
        await admin.NoContentAsync(HttpMethod.Put, $"/admin/realms/pbench-server/clients/{client}", $$$"""{"attributes":{"backchannel.logout.url":"{{{receiver.BaseUrl}}}/backchannel-logout"}}""");
        using var browser = stack.NewBrowser();
        var tokens = await TokenEndpointTests.Password(stack, "bob", "bob-password");
        var sid = Jwt.Payload(tokens["access_token"]!.GetValue<string>())["sid"]!.GetValue<string>();

        var logout = await browser.PostFormAsync($"{stack.RealmUrl}/protocol/openid-connect/logout", new Dictionary<string, string> { ["client_id"] = "pbench-client", ["refresh_token"] = tokens["refresh_token"]!.GetValue<string>() });

        logout.StatusCode.Should().Be(HttpStatusCode.NoContent);
        received.Should().ContainSingle("the broker posts before it answers");
        var token = received.Single();
        var header = Jwt.Header(token);
        var claims = Jwt.Payload(token);
        header["typ"]!.GetValue<string>().Should().Be("logout+jwt");
        Jwt.VerifiesRs256(token, stack.Broker.SigningKey().Rsa).Should().BeTrue();
        claims["iss"]!.GetValue<string>().Should().Be(stack.RealmUrl);
        claims["aud"]!.GetValue<string>().Should().Be("pbench-client");
        claims["sid"]!.GetValue<string>().Should().Be(sid);
        claims["sub"]!.GetValue<string>().Should().Be("d9a92690-4d47-4300-a02c-4ffe0ed579f8");
        claims["events"]!.AsObject().Should().ContainKey("http://schemas.openid.net/event/backchannel-logout");
        claims.Should().NotContainKey("nonce", "OIDC Back-Channel Logout §2.4 forbids it");
    }

    [Test]
    public async Task Discovery_advertises_back_channel_logout_and_no_front_channel_logout()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var http = new HttpClient();

        var discovery = (await http.GetFromJsonAsync<JsonObject>($"{stack.RealmUrl}/.well-known/openid-configuration"))!;

        discovery["backchannel_logout_supported"]!.GetValue<bool>().Should().BeTrue();
        discovery["backchannel_logout_session_supported"]!.GetValue<bool>().Should().BeTrue();
        discovery.Should().NotContainKey("frontchannel_logout_supported", "front-channel logout is not implemented");
    }
}
