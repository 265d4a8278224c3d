using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PbenchAuthSpec.TestSupport;

/// <summary>
/// A relying party nobody here wrote: ASP.NET Core's OpenIdConnect handler, configured with an
/// authority (MockIdp's, or a MockBroker realm's), a client id and secret and, unless the caller
/// keeps the handler's default (id_token, the implicit flow), response type code. Everything else
/// is the handler's default: PKCE, response mode form_post, scope "openid profile", pushed
/// authorization when discovery offers it. The only other settings are transport ones for
/// plain-HTTP loopback (metadata over http, and its correlation and nonce cookies without the
/// Secure flag so a non-browser cookie jar keeps them); every protocol check (signature from the
/// JWKS, iss, aud, nonce, at_hash, lifetime) is the handler's own.
/// <c>/protected</c> challenges, then answers with the signed-in user's subject.
/// </summary>
public sealed class OidcRelyingParty : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OidcRelyingParty(WebApplication app) => _app = app;

    public string BaseUrl => _app.Urls.First().TrimEnd('/');

    /// <summary>Why the handler refused the sign-in callback, when it did.</summary>
    public string? RemoteFailure { get; private set; }

    /// <param name="responseType">null keeps the handler's default response type.</param>
    public static async Task<OidcRelyingParty> StartAsync(string authority, string clientId, string clientSecret, string? responseType = "code")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        OidcRelyingParty? party = null;
        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie()
            .AddOpenIdConnect(o => Configure(o, authority, clientId, clientSecret, responseType, failure => party!.RemoteFailure = failure));
        var app = builder.Build();
        app.UseAuthentication();
        app.MapGet("/protected", ProtectedAsync);
        party = new OidcRelyingParty(app);
        await app.StartAsync();
        return party;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static void Configure(OpenIdConnectOptions o, string authority, string clientId, string clientSecret, string? responseType, Action<string> onFailure)
    {
        o.Authority = authority;
        o.ClientId = clientId;
        o.ClientSecret = clientSecret;
        o.ResponseType = responseType ?? o.ResponseType;
        o.RequireHttpsMetadata = false;
        o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.Events.OnRemoteFailure = context =>
        {
            onFailure(context.Failure?.Message ?? "unknown failure");
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.HandleResponse();
            return Task.CompletedTask;
        };
    }

    private static async Task ProtectedAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            await context.ChallengeAsync();
            return;
        }

        var sub = context.User.FindFirst(ClaimTypes.NameIdentifier) ?? context.User.FindFirst("sub");
        await context.Response.WriteAsync($"{sub?.Value} {sub?.Issuer}");
    }
}
