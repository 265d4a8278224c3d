using System.Net;
using System.Net.Http.Headers;
using FluentAssertions;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using PbenchAuthSpec.MockBroker;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.SelfTests.MockBroker;

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
        var payload = System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1])).Replace("\"preferred_username\":\"admin\"", "\"preferred_username\":\"root\"", StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(payload))}.{parts[2]}";

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
