using System.Net;
using System.Net.Http.Headers;
using FluentAssertions;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Tests;

/// <summary>A component nobody here wrote: ASP.NET Core's JwtBearer handler, configured only with the realm's discovery URL.</summary>
public sealed class InteropTests
{
    [Test]
    public async Task JwtBearer_with_only_the_realm_as_authority_accepts_a_broker_token_and_refuses_a_tampered_one()
    {
        await using var broker = await MockBrokerServer.StartAsync();
        await using var api = await StartApiAsync(broker.RealmUrl());
        var token = (await Support.AdminClientTokens.PasswordAsync(broker.RealmUrl(), "admin", "admin-password"))["access_token"]!.GetValue<string>();
        var parts = token.Split('.');
        var payload = CompactJwt.ReadUnverified(token).Payload;
        payload["preferred_username"] = "root";
        var tampered = $"{parts[0]}.{System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(payload.ToJsonString()))}.{parts[2]}";

        var accepted = await CallAsync(api.BaseUrl, token);
        var refused = await CallAsync(api.BaseUrl, tampered);
        var anonymous = await CallAsync(api.BaseUrl, null);

        accepted.StatusCode.Should().Be(HttpStatusCode.OK);
        (await accepted.Content.ReadAsStringAsync()).Should().Be("admin");
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task JwtBearer_refuses_a_token_without_the_pbench_server_audience()
    {
        await using var broker = await MockBrokerServer.StartAsync(new MockBrokerOptions { Faults = [BrokerFaults.NoAudience] });
        await using var api = await StartApiAsync(broker.RealmUrl());
        var token = (await Support.AdminClientTokens.PasswordAsync(broker.RealmUrl(), "bob", "bob-password"))["access_token"]!.GetValue<string>();

        (await CallAsync(api.BaseUrl, token)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    // An unchanged ASP.NET Core app logs in through the broker with the OpenIdConnect handler's
    // defaults, form_post included (Keycloak: services/src/main/java/org/keycloak/protocol/oidc/utils/OIDCRedirectUriBuilder.java).
    // The one setting changed is the response type: the handler's default (id_token) is the
    // implicit flow, which a Keycloak client refuses unless it enables it (the next test).
    [Test]
    public async Task AspNetCore_OpenIdConnect_handler_with_its_defaults_logs_in_through_the_broker_with_form_post()
    {
        await using var stack = await Support.BrokerTestStack.StartAsync();
        // The handler checks token lifetimes against the real clock.
        stack.Clock.SetUtcNow(TimeProvider.System.GetUtcNow());
        await using var rp = await OidcRelyingParty.StartAsync(stack.RealmUrl, "aspnet-rp", "aspnet-rp-secret");
        await RegisterAsync(stack, rp);
        using var browser = stack.NewBrowser();

        var challenge = await browser.GetAsync($"{rp.BaseUrl}/protected");
        var authorize = challenge.Headers.Location!.AbsoluteUri;
        var page = await browser.GetAsync(authorize);
        (await page.Content.ReadAsStringAsync()).Should().Contain("social-mockidp", $"the broker shows its login page for {authorize}");
        var brokerAnswer = await browser.FollowUpstreamAsync(await browser.GetAsync(Support.BrokerBrowser.SocialLink(await page.Content.ReadAsStringAsync())));
        var html = await brokerAnswer.Content.ReadAsStringAsync();
        var action = FormAction(html);
        var callback = await browser.PostFormAsync(action, ResponseModeTests.Fields(html));
        callback.StatusCode.Should().Be(HttpStatusCode.Redirect, $"the handler accepts the callback ({rp.RemoteFailure}): {await callback.Content.ReadAsStringAsync()}");
        var landed = await browser.GetAsync(new Uri(new Uri(rp.BaseUrl), callback.Headers.Location!).AbsoluteUri);

        var defaults = new Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions();
        defaults.ResponseMode.Should().Be("form_post", "the handler's default, left as it is");
        defaults.UsePkce.Should().BeTrue("the handler's default, left as it is");
        authorize.Should().StartWith($"{stack.RealmUrl}/protocol/openid-connect/auth?")
            .And.Contain("response_mode=form_post").And.Contain("code_challenge_method=S256").And.Contain("scope=openid%20profile")
            .And.NotContain("request_uri", "discovery offers no pushed authorization, so the handler's UseIfAvailable sends a plain request");
        brokerAnswer.StatusCode.Should().Be(HttpStatusCode.OK, "the broker answers form_post with its auto-submitting page");
        action.Should().Be($"{rp.BaseUrl}/signin-oidc");
        rp.RemoteFailure.Should().BeNull();
        landed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await landed.Content.ReadAsStringAsync()).Should().MatchRegex($"^[0-9a-f-]{{36}} {System.Text.RegularExpressions.Regex.Escape(stack.RealmUrl)}$", "the broker user's id from the id_token, issued by the realm");
    }

    // With every default, the handler asks for response_type=id_token. Keycloak refuses it for a
    // client without the implicit flow and sends the error back in the requested response mode
    // (services/src/main/java/org/keycloak/protocol/oidc/endpoints/AuthorizationEndpointChecker.java),
    // so the app meets a clear remote failure, not a broker error page.
    [Test]
    public async Task AspNetCore_OpenIdConnect_handler_with_every_default_gets_Keycloaks_implicit_flow_refusal_back_by_form_post()
    {
        await using var stack = await Support.BrokerTestStack.StartAsync();
        stack.Clock.SetUtcNow(TimeProvider.System.GetUtcNow());
        await using var rp = await OidcRelyingParty.StartAsync(stack.RealmUrl, "aspnet-rp", "aspnet-rp-secret", responseType: null);
        await RegisterAsync(stack, rp);
        using var browser = stack.NewBrowser();

        var authorize = (await browser.GetAsync($"{rp.BaseUrl}/protected")).Headers.Location!.AbsoluteUri;
        var answer = await browser.GetAsync(authorize);
        var html = await answer.Content.ReadAsStringAsync();
        var callback = await browser.PostFormAsync(FormAction(html), ResponseModeTests.Fields(html));

        new Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions().ResponseType.Should().Be("id_token", "the handler's default");
        authorize.Should().Contain("response_type=id_token").And.Contain("response_mode=form_post");
        answer.StatusCode.Should().Be(HttpStatusCode.OK, "the refusal goes back to the client by its form_post page");
        callback.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        rp.RemoteFailure.Should().Contain("unauthorized_client").And.Contain("Implicit flow is disabled for the client");
    }

    private static async Task RegisterAsync(Support.BrokerTestStack stack, OidcRelyingParty rp)
    {
        using var admin = await AdminClient.StartAsync(stack.Broker.BaseUrl);
        await admin.CreateAsync("/admin/realms/pbench-server/clients", $$"""{"clientId":"aspnet-rp","secret":"aspnet-rp-secret","redirectUris":["{{rp.BaseUrl}}/signin-oidc"]}""");
    }

    private static string FormAction(string html) =>
        WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "ACTION=\"([^\"]+)\"").Groups[1].Value);

    private static Task<StandInHost> StartApiAsync(string authority) =>
        StandInHost.StartAsync(
            new StandInHostOptions { Name = "api" },
            (app, _) =>
            {
                app.UseAuthentication();
                app.UseAuthorization();
                app.MapGet("/whoami", (HttpContext http) => http.User.FindFirst("preferred_username")?.Value ?? "?").RequireAuthorization();
            },
            services =>
            {
                services.AddAuthorization();
                services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
                {
                    o.Authority = authority;
                    o.Audience = "pbench-server";
                    o.RequireHttpsMetadata = false;
                    o.MapInboundClaims = false;
                });
            });

    private static async Task<HttpResponseMessage> CallAsync(string baseUrl, string? token)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{baseUrl}/whoami");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await http.SendAsync(request);
    }
}
