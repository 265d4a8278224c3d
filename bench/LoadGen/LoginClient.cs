using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.LoadGen;

/// <summary>
/// One complete brokered authorization-code login over HTTP, as a browser would walk it:
/// broker auth → broker login page → broker/mockidp/login → IdP authorize → IdP login form →
/// consent → broker endpoint → client redirect with code → token. Cookies are per login.
/// </summary>
public sealed class LoginClient(HttpClient http, LoginSettings settings)
{
    private const int MaxHops = 20;

    public static HttpClient CreateHttpClient(int connectionsPerServer) => new(new SocketsHttpHandler
    {
        UseCookies = false,
        AllowAutoRedirect = false,
        MaxConnectionsPerServer = connectionsPerServer,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };

    public async Task<LoginOutcome> LoginAsync(string user, string password, CancellationToken cancellationToken)
    {
        var state = Random(16);
        var nonce = Random(16);
        var verifier = Random(32);
        var cookies = new CookieContainer();
        var (code, hops) = await WalkToCodeAsync(AuthorizationUrl(state, nonce, verifier), user, password, state, cookies, cancellationToken);
        var tokens = await RedeemAsync(code, verifier, cancellationToken);
        return Verify(tokens, user, nonce, code, hops);
    }

    /// <summary>Redeems a code again: a conforming broker answers 400 <c>invalid_grant</c>.</summary>
    public async Task<HttpStatusCode> ReplayAsync(string code, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(settings.TokenUrl, TokenForm(code, Random(32)), cancellationToken);
        return response.StatusCode;
    }

    /// <summary>OIDC back-channel logout at the broker (Keycloak: POST logout with the refresh token): 204 ends the session.</summary>
    public async Task<HttpStatusCode> LogoutAsync(string refreshToken, CancellationToken cancellationToken)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["client_id"] = settings.ClientId, ["refresh_token"] = refreshToken });
        using var response = await http.PostAsync(new Uri($"{settings.RealmUrl}/protocol/openid-connect/logout"), form, cancellationToken);
        return response.StatusCode;
    }

    private Uri AuthorizationUrl(string state, string nonce, string verifier)
    {
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var query = string.Join('&', new Dictionary<string, string>
        {
            ["client_id"] = settings.ClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = settings.RedirectUri,
            ["scope"] = "openid profile email",
            ["state"] = state,
            ["nonce"] = nonce,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
        return new Uri($"{settings.AuthUrl}?{query}");
    }

    private async Task<(string Code, int Hops)> WalkToCodeAsync(
        Uri start, string user, string password, string state, CookieContainer cookies, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, start);
        for (var hop = 1; hop <= MaxHops; hop++)
        {
            (string? Code, HttpRequestMessage? Request) next;
            try
            {
                var url = request.RequestUri!;
                if (cookies.GetCookieHeader(CookieLookup(url)) is { Length: > 0 } cookieHeader)
                {
                    request.Headers.Add("Cookie", cookieHeader);
                }

                using var response = await http.SendAsync(request, cancellationToken);
                if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
                {
                    foreach (var setCookie in setCookies)
                    {
                        cookies.SetCookies(url, setCookie);
                    }
                }

                next = await NextAsync(response, url, user, password, state, hop, cancellationToken);
            }
            finally
            {
                request.Dispose();
            }

            if (next.Code is not null)
            {
                return (next.Code, hop);
            }

            request = next.Request!;
        }

        request.Dispose();
        throw new LoginFailedException($"{user}: no code after {MaxHops} hops.");
    }

    private async Task<(string? Code, HttpRequestMessage? Request)> NextAsync(
        HttpResponseMessage response, Uri url, string user, string password, string state, int hop, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (status is >= 300 and < 400 && response.Headers.Location is { } location)
        {
            var target = new Uri(url, location);
            return target.ToString().StartsWith(settings.RedirectUri, StringComparison.Ordinal)
                ? (CodeFrom(target, state, user), null)
                : (null, new HttpRequestMessage(HttpMethod.Get, target));
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (status != 200)
        {
            throw new LoginFailedException($"{user}: hop {hop} {url.AbsolutePath} answered {status}: {Excerpt(body)}") { Status = status };
        }

        return (null, PageAction(body, url, user, password, hop));
    }

    private HttpRequestMessage PageAction(string html, Uri url, string user, string password, int hop)
    {
        if (HtmlForm.LinkById(html, $"social-{settings.IdentityProvider}") is { } href)
        {
            return new HttpRequestMessage(HttpMethod.Get, new Uri(url, href));
        }

        if (HtmlForm.Find(html, "login-form") is { } login)
        {
            login.Set("username", user);
            login.Set("password", password);
            return Submit(login, url);
        }

        if (HtmlForm.Find(html, "consent-form") is { } consent)
        {
            if (consent.Button("consent-allow") is { } allow)
            {
                consent.Set(allow.Key, allow.Value);
            }

            return Submit(consent, url);
        }

        // OAuth 2.0 Form Post Response Mode: a page whose only form submits itself.
        return HtmlForm.Find(html, null) is { } autoSubmit && html.Contains(".submit()", StringComparison.Ordinal)
            ? Submit(autoSubmit, url)
            : throw new LoginFailedException($"{user}: hop {hop} {url.AbsolutePath}: a page with no known form or link: {Excerpt(html)}");
    }

    private static HttpRequestMessage Submit(HtmlForm form, Uri url)
    {
        var action = new Uri(url, form.Action.Length == 0 ? url.ToString() : form.Action);
        return form.Method.Equals("post", StringComparison.OrdinalIgnoreCase)
            ? new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(form.Fields) }
            : new HttpRequestMessage(HttpMethod.Get, new Uri($"{action.GetLeftPart(UriPartial.Path)}?{string.Join('&', form.Fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"))}"));
    }

    private static string CodeFrom(Uri redirect, string state, string user)
    {
        var parameters = Parameters(redirect.Query.TrimStart('?'))
            .Concat(Parameters(redirect.Fragment.TrimStart('#')))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        if (parameters.TryGetValue("error", out var error))
        {
            throw new LoginFailedException($"{user}: the broker answered error={error} {parameters.GetValueOrDefault("error_description")}");
        }

        if (parameters.GetValueOrDefault("state") != state)
        {
            throw new LoginFailedException($"{user}: state not echoed (sent {state}, got {parameters.GetValueOrDefault("state")}).");
        }

        return parameters.GetValueOrDefault("code") ?? throw new LoginFailedException($"{user}: redirect without code: {redirect}");
    }

    private async Task<JsonElement> RedeemAsync(string code, string verifier, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(settings.TokenUrl, TokenForm(code, verifier), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new LoginFailedException($"token endpoint answered {(int)response.StatusCode}: {Excerpt(body)}") { Status = (int)response.StatusCode };
        }

        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    private FormUrlEncodedContent TokenForm(string code, string verifier) => new(new Dictionary<string, string>
    {
        ["grant_type"] = "authorization_code",
        ["code"] = code,
        ["redirect_uri"] = settings.RedirectUri,
        ["client_id"] = settings.ClientId,
        ["code_verifier"] = verifier,
    });

    private static LoginOutcome Verify(JsonElement tokens, string user, string nonce, string code, int hops)
    {
        var access = CompactJwt.ReadUnverified(tokens.GetProperty("access_token").GetString() ?? "");
        var username = access.Claim("preferred_username") ?? "";
        var subject = access.Claim("sub") ?? "";
        var idToken = CompactJwt.ReadUnverified(tokens.GetProperty("id_token").GetString() ?? "");
        if (idToken.Claim("nonce") != nonce || idToken.Claim("sub") != subject)
        {
            throw new LoginFailedException($"{user}: the id_token belongs to another login (nonce or sub differs).");
        }

        var refresh = tokens.TryGetProperty("refresh_token", out var r) ? r.GetString() : null;
        return new LoginOutcome(user, username, subject, code, hops, refresh);
    }

    private static IEnumerable<KeyValuePair<string, string>> Parameters(string text) =>
        text.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            return eq < 0
                ? new KeyValuePair<string, string>(Uri.UnescapeDataString(pair), "")
                : new KeyValuePair<string, string>(Uri.UnescapeDataString(pair[..eq]), Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' ')));
        });

    private static string Random(int bytes) => Base64Url(RandomNumberGenerator.GetBytes(bytes));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    // Browsers send Secure cookies to http://127.0.0.1 (a potentially trustworthy origin), and
    // MockBroker sets its cookies Secure there as Keycloak does; CookieContainer sends them only over https.
    private static Uri CookieLookup(Uri url) =>
        url.IsLoopback && url.Scheme == Uri.UriSchemeHttp ? new UriBuilder(url) { Scheme = Uri.UriSchemeHttps, Port = url.Port }.Uri : url;

    private static string Excerpt(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
