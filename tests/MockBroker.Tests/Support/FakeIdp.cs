using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Tests.Support;

/// <summary>
/// A scripted upstream OIDC IdP for MockBroker's tests: fixtures/idp.json's users and client,
/// id_tokens signed with fixtures/keys/idp-signing.pem, and knobs to make it misbehave.
/// Interactive (login page, consent page) unless <see cref="AutoLoginUser"/> names a user.
/// </summary>
public sealed class FakeIdp : IAsyncDisposable
{
    public const string ClientId = "pbench-broker";
    public const string ClientSecret = "pbench-broker-secret";

    private readonly ConcurrentDictionary<string, (FakeIdpUser User, Dictionary<string, string> Request)> _codes = new();
    private readonly ConcurrentDictionary<string, Dictionary<string, string>> _transactions = new();
    private readonly ConcurrentDictionary<string, FakeIdpUser> _accessTokens = new();
    private readonly TimeProvider _clock;
    private readonly Dictionary<string, FakeIdpUser> _users;

    private FakeIdp(StandInHost host, TimeProvider clock)
    {
        Host = host;
        _clock = clock;
        var json = JsonNode.Parse(File.ReadAllText(FixturePaths.File("idp.json")))!["users"]!;
        _users = json.Deserialize<List<FakeIdpUser>>()!.ToDictionary(u => u.Username);
    }

    public StandInHost Host { get; }

    public string BaseUrl => Host.BaseUrl;

    public SigningKey SigningKey { get; set; } = SigningKey.FromPemFile(FixturePaths.File("keys", "idp-signing.pem"));

    /// <summary>Signs id_tokens instead of <see cref="SigningKey"/> (which the JWKS keeps publishing).</summary>
    public SigningKey? UnpublishedSigningKey { get; set; }

    /// <summary>Answer the authorization request at once as this user; null shows login and consent pages.</summary>
    public string? AutoLoginUser { get; set; } = "alice";

    public string? AuthorizationError { get; set; }

    public Func<string, string>? ShapeState { get; set; }

    public int? TokenEndpointStatus { get; set; }

    public Action<JsonObject>? ShapeIdToken { get; set; }

    public Func<string, string>? ShapeIdTokenText { get; set; }

    /// <summary>OIDC Core §5.4: profile claims only at userinfo (the id_token carries sub and the protocol claims).</summary>
    public bool ClaimsOnlyAtUserInfo { get; set; }

    /// <summary>Changes the userinfo answer (e.g. another sub).</summary>
    public Action<JsonObject>? ShapeUserInfo { get; set; }

    /// <summary>Signs id_tokens ES256 with this key (published in the JWKS instead of the RSA key).</summary>
    public ECDsa? EcKey { get; set; }

    public ConcurrentQueue<string?> UserInfoRequests { get; } = new();

    public ConcurrentQueue<Dictionary<string, string>> Authorizations { get; } = new();

    public ConcurrentQueue<(string? Authorization, Dictionary<string, string> Form)> TokenRequests { get; } = new();

    public static async Task<FakeIdp> StartAsync(StackUrls stack, TimeProvider clock, Journal journal)
    {
        FakeIdp? idp = null;
        var host = await StandInHost.StartAsync(
            new StandInHostOptions { Name = "idp", Journal = journal, Clock = clock },
            (app, _) => Map(app, () => idp!));
        idp = new FakeIdp(host, clock);
        stack.Set("idp", host.BaseUrl);
        return idp;
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    private static void Map(WebApplication app, Func<FakeIdp> idp)
    {
        app.MapGet("/.well-known/openid-configuration", (HttpContext http) => Results.Json(idp().Discovery()));
        app.MapGet("/jwks", () => Results.Json(new JsonObject { ["keys"] = new JsonArray(idp().PublishedJwk()) }));
        app.MapGet("/userinfo", (HttpContext http) => idp().UserInfo(http));
        app.MapGet("/authorize", (HttpContext http) => idp().Authorize(http));
        app.MapGet("/login", (string tx) => Results.Content(LoginPage(tx, null), "text/html"));
        app.MapPost("/login", (HttpRequest request) => idp().LoginAsync(request.HttpContext));
        app.MapPost("/consent", (HttpRequest request) => idp().ConsentAsync(request.HttpContext));
        app.MapPost("/token", (HttpRequest request) => idp().TokenAsync(request.HttpContext));
    }

    private JsonObject Discovery() => new()
    {
        ["issuer"] = BaseUrl,
        ["authorization_endpoint"] = $"{BaseUrl}/authorize",
        ["token_endpoint"] = $"{BaseUrl}/token",
        ["jwks_uri"] = $"{BaseUrl}/jwks",
        ["response_types_supported"] = new JsonArray("code"),
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256", "ES256"),
        ["userinfo_endpoint"] = ClaimsOnlyAtUserInfo ? $"{BaseUrl}/userinfo" : null,
    };

    private JsonNode PublishedJwk()
    {
        if (EcKey is not { } ec)
        {
            return SigningKey.Jwk.DeepClone();
        }

        var p = ec.ExportParameters(false);
        return new JsonObject { ["kty"] = "EC", ["crv"] = "P-256", ["kid"] = "ec-1", ["use"] = "sig", ["x"] = Base64UrlEncoder.Encode(p.Q.X), ["y"] = Base64UrlEncoder.Encode(p.Q.Y) };
    }

    // OIDC Core §5.3: the profile for the access token this IdP issued.
    private IResult UserInfo(HttpContext http)
    {
        var authorization = http.Request.Headers.Authorization.ToString();
        UserInfoRequests.Enqueue(authorization);
        var token = authorization.StartsWith("Bearer idp-access-", StringComparison.Ordinal) ? authorization[7..] : null;
        if (token is null || !_accessTokens.TryGetValue(token, out var user))
        {
            return Results.Json(new { error = "invalid_token" }, statusCode: 401);
        }

        var claims = new JsonObject
        {
            ["sub"] = user.Sub, ["preferred_username"] = user.Username, ["email"] = user.Email, ["email_verified"] = true,
            ["given_name"] = user.GivenName, ["family_name"] = user.FamilyName, ["name"] = user.Name,
        };
        ShapeUserInfo?.Invoke(claims);
        return Results.Content(claims.ToJsonString(), "application/json");
    }

    private RedirectTo Authorize(HttpContext http)
    {
        var request = http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());
        Authorizations.Enqueue(request);
        if (AuthorizationError is { } error)
        {
            return Redirect(request, new() { ["error"] = error, ["error_description"] = "the user said no", ["state"] = request.GetValueOrDefault("state") ?? "" });
        }

        if (AutoLoginUser is { } username)
        {
            return Redirect(request, IssueCode(_users[username], request));
        }

        var tx = Guid.NewGuid().ToString("N");
        _transactions[tx] = request;
        return new RedirectTo($"{BaseUrl}/login?tx={tx}", StatusCodes.Status303SeeOther);
    }

    private async Task<IResult> LoginAsync(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync();
        var tx = form["tx"].ToString();
        if (!_transactions.ContainsKey(tx) || !_users.TryGetValue(form["username"].ToString(), out var user) || user.Password != form["password"])
        {
            return Results.Content(LoginPage(tx, "Invalid username or password"), "text/html");
        }

        return Results.Content(
            $"<!DOCTYPE html><html><body><form id=\"consent-form\" method=\"post\" action=\"/consent\"><input type=\"hidden\" name=\"tx\" value=\"{tx}\">"
            + $"<input type=\"hidden\" name=\"username\" value=\"{user.Username}\"><button id=\"consent-allow\" name=\"consent\" value=\"allow\">Allow</button>"
            + "<button id=\"consent-deny\" name=\"consent\" value=\"deny\">Deny</button></form></body></html>",
            "text/html");
    }

    private async Task<IResult> ConsentAsync(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync();
        if (!_transactions.TryRemove(form["tx"].ToString(), out var request))
        {
            return Results.BadRequest();
        }

        return form["consent"] == "allow"
            ? Redirect(request, IssueCode(_users[form["username"].ToString()], request))
            : Redirect(request, new() { ["error"] = "access_denied", ["state"] = request.GetValueOrDefault("state") ?? "" });
    }

    private Dictionary<string, string> IssueCode(FakeIdpUser user, Dictionary<string, string> request)
    {
        var code = Guid.NewGuid().ToString("N");
        _codes[code] = (user, request);
        return new() { ["code"] = code, ["state"] = request.GetValueOrDefault("state") ?? "" };
    }

    private RedirectTo Redirect(Dictionary<string, string> request, Dictionary<string, string> answer)
    {
        if (ShapeState is { } shape)
        {
            answer["state"] = shape(answer["state"]);
        }

        var query = string.Join('&', answer.Select(a => $"{Uri.EscapeDataString(a.Key)}={Uri.EscapeDataString(a.Value)}"));
        return new RedirectTo($"{request["redirect_uri"]}?{query}", StatusCodes.Status302Found);
    }

    private async Task<IResult> TokenAsync(HttpContext http)
    {
        var form = (await http.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString());
        var authorization = http.Request.Headers.Authorization.ToString();
        TokenRequests.Enqueue((authorization, form));
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}"));
        var posted = authorization.Length == 0 && form.GetValueOrDefault("client_id") == ClientId && form.GetValueOrDefault("client_secret") == ClientSecret;
        if (authorization != expected && !posted)
        {
            return Results.Json(new { error = "invalid_client" }, statusCode: 401);
        }

        if (TokenEndpointStatus is { } status)
        {
            return Results.Json(new { error = "server_error", error_description = "scripted failure" }, statusCode: status);
        }

        if (!_codes.TryRemove(form.GetValueOrDefault("code") ?? "", out var issued) || form.GetValueOrDefault("redirect_uri") != issued.Request["redirect_uri"])
        {
            return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
        }

        var idToken = IdToken(issued.User, issued.Request.GetValueOrDefault("nonce"));
        var accessToken = "idp-access-" + Guid.NewGuid().ToString("N");
        _accessTokens[accessToken] = issued.User;
        return Results.Json(new { access_token = accessToken, token_type = "Bearer", expires_in = 300, id_token = ShapeIdTokenText?.Invoke(idToken) ?? idToken });
    }

    private string IdToken(FakeIdpUser user, string? nonce)
    {
        var now = _clock.GetUtcNow().ToUnixTimeSeconds();
        var claims = new JsonObject { ["iss"] = BaseUrl, ["sub"] = user.Sub, ["aud"] = ClientId, ["exp"] = now + 300, ["iat"] = now, ["nonce"] = nonce };
        if (!ClaimsOnlyAtUserInfo)
        {
            claims["preferred_username"] = user.Username;
            claims["email"] = user.Email;
            claims["email_verified"] = true;
            claims["given_name"] = user.GivenName;
            claims["family_name"] = user.FamilyName;
            claims["name"] = user.Name;
        }

        ShapeIdToken?.Invoke(claims);
        var credentials = EcKey is { } ec ? new SigningCredentials(new ECDsaSecurityKey(ec) { KeyId = "ec-1" }, SecurityAlgorithms.EcdsaSha256) : (UnpublishedSigningKey ?? SigningKey).Credentials;
        return new JsonWebTokenHandler().CreateToken(claims.ToJsonString(), credentials);
    }

    private static string LoginPage(string tx, string? error) =>
        "<!DOCTYPE html><html><body><form id=\"login-form\" method=\"post\" action=\"/login\">"
        + $"<input type=\"hidden\" name=\"tx\" value=\"{tx}\"><input id=\"username\" name=\"username\"><input id=\"password\" name=\"password\" type=\"password\">"
        + $"<button id=\"login\">Log in</button>{(error is null ? "" : $"<p id=\"error\">{error}</p>")}</form></body></html>";

    private sealed class RedirectTo(string location, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
