using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.ReferenceServer.Tests.Support;

/// <summary>
/// A minimal authorization-code login for the dashboard tests: no login page (the user is
/// <see cref="Username"/> at once), exact redirect URI <c>{target}/dashboard/callback</c>, PKCE
/// verified, CORS for the target's origin. Every request is recorded for the assertions.
/// </summary>
public sealed class FakeBrokerLogin(FakeBroker broker)
{
    private const string Base = "/realms/" + FakeBroker.Realm + "/protocol/openid-connect";

    private readonly ConcurrentDictionary<string, Pending> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _refreshTokens = new(StringComparer.Ordinal);

    public string? TargetUrl { get; set; }

    public string Username { get; set; } = "alice";

    public int ExpiresIn { get; set; } = 300;

    public ConcurrentQueue<IReadOnlyDictionary<string, string>> AuthorizationRequests { get; } = new();

    public ConcurrentQueue<IReadOnlyDictionary<string, string>> TokenRequests { get; } = new();

    public ConcurrentQueue<IReadOnlyDictionary<string, string>> LogoutRequests { get; } = new();

    internal static void Map(WebApplication app, Func<FakeBrokerLogin> login)
    {
        app.MapGet(Base + "/auth", (HttpRequest request) => login().Authorize(request));
        app.MapPost(Base + "/token", (HttpRequest request) => login().TokenAsync(request));
        app.MapGet(Base + "/logout", (HttpRequest request) => login().Logout(request));
    }

    private IResult Authorize(HttpRequest request)
    {
        var query = ProtocolParameters.FromQuery(request).Parameters!;
        AuthorizationRequests.Enqueue(query.Values);
        var redirectUri = query["redirect_uri"];
        if (redirectUri != $"{TargetUrl}/dashboard/callback" || query["client_id"] != TokenFactory.Client)
        {
            // Keycloak's answer to an unregistered redirect_uri: an error page, never a redirect.
            return Results.Content("<html><body><p id=\"kc-error-message\">Invalid parameter: redirect_uri</p></body></html>", "text/html", statusCode: 400);
        }

        var code = Guid.NewGuid().ToString("N");
        _codes[code] = new Pending(redirectUri, query["nonce"], query["code_challenge"], query["code_challenge_method"] ?? "plain");
        var response = new Dictionary<string, string?>
        {
            ["code"] = code,
            ["state"] = query["state"],
            ["session_state"] = "fake-session",
            ["iss"] = broker.Issuer,
        };
        var parameters = string.Join("&", response.Where(p => p.Value is not null).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));
        return Results.Redirect($"{redirectUri}{(query["response_mode"] == "fragment" ? "#" : "?")}{parameters}");
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        if (request.Headers.Origin == TargetUrl)
        {
            request.HttpContext.Response.Headers.AccessControlAllowOrigin = TargetUrl;
        }

        var form = (await ProtocolParameters.FromFormAsync(request)).Parameters;
        if (form is null)
        {
            return OAuthError.InvalidRequest("unreadable form");
        }

        TokenRequests.Enqueue(form.Values);
        return form["grant_type"] switch
        {
            "authorization_code" => ExchangeCode(form),
            "refresh_token" when form["refresh_token"] is { } refresh && _refreshTokens.TryGetValue(refresh, out var user) => Issue(user, null),
            _ => OAuthError.InvalidGrant("unknown grant or refresh token"),
        };
    }

    private IResult ExchangeCode(ProtocolParameters form)
    {
        if (form["code"] is not { } code || !_codes.TryRemove(code, out var pending))
        {
            return OAuthError.InvalidGrant("unknown or used code");
        }

        if (form["redirect_uri"] != pending.RedirectUri || !VerifierMatches(pending, form["code_verifier"]))
        {
            return OAuthError.InvalidGrant("redirect_uri or code_verifier does not match");
        }

        return Issue(Username, pending.Nonce);
    }

    // RFC 7636 §4.6: S256 compares BASE64URL(SHA256(verifier)); plain compares the strings.
    private static bool VerifierMatches(Pending pending, string? verifier) => pending.Challenge is null
        || (verifier is not null && pending.Challenge == (pending.Method == "S256"
            ? Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)))
            : verifier));

    private IResult Issue(string username, string? nonce)
    {
        var refresh = Guid.NewGuid().ToString("N");
        _refreshTokens[refresh] = username;
        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = broker.Tokens.Access(username, c => c["exp"] = c["iat"]!.GetValue<long>() + ExpiresIn),
            ["expires_in"] = ExpiresIn,
            ["refresh_expires_in"] = 1800,
            ["refresh_token"] = refresh,
            ["token_type"] = "Bearer",
            ["id_token"] = broker.Tokens.IdToken(username, nonce),
            ["session_state"] = "fake-session",
            ["scope"] = "openid profile email",
        });
    }

    private IResult Logout(HttpRequest request)
    {
        var query = ProtocolParameters.FromQuery(request).Parameters!;
        LogoutRequests.Enqueue(query.Values);
        return query["post_logout_redirect_uri"] is { } back && back.StartsWith($"{TargetUrl}/dashboard/", StringComparison.Ordinal)
            ? Results.Redirect(back)
            : Results.Content("<html><body>logged out</body></html>", "text/html");
    }

    private sealed record Pending(string RedirectUri, string? Nonce, string? Challenge, string Method);
}
