using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PbenchAuthSpec.SelfTests.MockBroker.Support;

/// <summary>
/// An ASP.NET Core app behind its OpenIdConnect handler, pointed at a realm: the handler's
/// defaults (response mode form_post, PKCE, nonce, scope "openid profile"), response type code
/// (the handler's default id_token is the implicit flow, which a Keycloak client refuses unless
/// it enables it), and only what plain-HTTP loopback needs (metadata over http, correlation and
/// nonce cookies without the Secure flag). <c>/protected</c> challenges, then answers with the signed-in user's subject.
/// </summary>
internal sealed class BrokerRelyingParty : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BrokerRelyingParty(WebApplication app) => _app = app;

    public string BaseUrl => _app.Urls.First().TrimEnd('/');

    public string? RemoteFailure { get; private set; }

    public static OpenIdConnectOptions Defaults => new();

    public static async Task<BrokerRelyingParty> StartAsync(string authority, string clientId, string clientSecret)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        BrokerRelyingParty? party = null;
        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie()
            .AddOpenIdConnect(o =>
            {
                o.Authority = authority;
                o.ClientId = clientId;
                o.ClientSecret = clientSecret;
                o.ResponseType = "code";
                o.RequireHttpsMetadata = false;
                o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.Events.OnRemoteFailure = context =>
                {
                    party!.RemoteFailure = context.Failure?.Message ?? "unknown failure";
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });
        var app = builder.Build();
        app.UseAuthentication();
        app.MapGet("/protected", async context =>
        {
            if (context.User.Identity?.IsAuthenticated != true)
            {
                await context.ChallengeAsync();
                return;
            }

            await context.Response.WriteAsync((context.User.FindFirst(ClaimTypes.NameIdentifier) ?? context.User.FindFirst("sub"))?.Value ?? "?");
        });
        party = new BrokerRelyingParty(app);
        await app.StartAsync();
        return party;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
