using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace PbenchAuthSpec.MockIdp.Tests;

/// <summary>
/// A browser-like HTTP client for MockIdp that understands the protocol: cookies kept, redirects
/// not followed on their own, and a <see cref="SignInAsync"/> that walks login and consent pages
/// until the response leaves MockIdp for the client.
/// </summary>
public sealed class IdpTestClient : IDisposable
{
    public IdpTestClient(string idpBaseUrl)
    {
        IdpBaseUrl = idpBaseUrl;
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = Cookies });
    }

    public string IdpBaseUrl { get; }

    public CookieContainer Cookies { get; } = new();

    public HttpClient Http { get; }

    /// <summary>How many login and consent pages the last sign-in showed.</summary>
    public int LoginPagesSeen { get; private set; }

    public int ConsentPagesSeen { get; private set; }

    public static string NewVerifier() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string S256(string verifier) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    /// <summary>The fixture client's authorization request, with any parameter replaced (null removes it).</summary>
    public static Dictionary<string, string?> Request(params (string Name, string? Value)[] overrides)
    {
        var parameters = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["client_id"] = TestIdp.ClientId,
            ["redirect_uri"] = TestIdp.RedirectUri,
            ["response_type"] = "code",
            ["scope"] = "openid profile email",
            ["state"] = "st-" + Guid.NewGuid().ToString("N"),
            ["nonce"] = "n-" + Guid.NewGuid().ToString("N"),
        };
        foreach (var (name, value) in overrides)
        {
            parameters[name] = value;
        }

        return parameters;
    }

    public Uri AuthorizeUrl(IReadOnlyDictionary<string, string?> parameters) =>
        new(QueryHelpers.AddQueryString($"{IdpBaseUrl}/authorize", parameters.Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Key, p.Value))));

    public async Task<HttpResponseMessage> GetAsync(Uri url, bool asBrowser = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (asBrowser)
        {
            request.Headers.Accept.ParseAdd("text/html");
        }

        return await SendAsync(request);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => await Http.SendAsync(request);

    /// <summary>Starts at the authorization endpoint and signs in; returns the response that left MockIdp.</summary>
    public async Task<AuthorizationResponse> SignInAsync(
        IReadOnlyDictionary<string, string?> parameters, string username = "alice", string? password = null, bool allowConsent = true)
    {
        var first = await GetAsync(AuthorizeUrl(parameters));
        return await FollowAsync(first, username, password ?? $"{username}-password", allowConsent);
    }

    /// <summary>Follows MockIdp's redirects and answers its pages until a response is for the client.</summary>
    public async Task<AuthorizationResponse> FollowAsync(HttpResponseMessage response, string username, string password, bool allowConsent)
    {
        LoginPagesSeen = ConsentPagesSeen = 0;
        for (var step = 0; step < 12; step++)
        {
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400)
            {
                var location = new Uri(new Uri(IdpBaseUrl), response.Headers.Location!);
                if (!location.AbsoluteUri.StartsWith(IdpBaseUrl + "/", StringComparison.Ordinal))
                {
                    return AuthorizationResponse.FromRedirect(response);
                }

                response = await GetAsync(location);
                continue;
            }

            var html = await response.Content.ReadAsStringAsync();
            if (status != 200 || !html.Contains("<form", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"MockIdp answered {status}: {html[..Math.Min(300, html.Length)]}");
            }

            var form = HtmlForm.Parse(html);
            if (form.Id is not ("login-form" or "consent-form"))
            {
                return AuthorizationResponse.FromFormPost(response.StatusCode, html);
            }

            response = await AnswerPageAsync(form, username, password, allowConsent);
        }

        throw new InvalidOperationException("the sign-in did not leave MockIdp within 12 steps.");
    }

    public async Task<HttpResponseMessage> PostFormAsync(string url, IEnumerable<KeyValuePair<string, string>> fields, bool asBrowser = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(IdpBaseUrl), url)) { Content = new FormUrlEncodedContent(fields) };
        if (asBrowser)
        {
            request.Headers.Accept.ParseAdd("text/html");
        }

        return await SendAsync(request);
    }

    /// <summary>Redeems a code at the token endpoint with client_secret_basic (or client_secret_post).</summary>
    public async Task<TokenResult> RedeemAsync(string code, string? verifier = null, string redirectUri = TestIdp.RedirectUri, bool post = false, string secret = TestIdp.ClientSecret)
    {
        var fields = new List<KeyValuePair<string, string>> { new("grant_type", "authorization_code"), new("code", code), new("redirect_uri", redirectUri) };
        if (verifier is not null)
        {
            fields.Add(new("code_verifier", verifier));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, $"{IdpBaseUrl}/token");
        if (post)
        {
            fields.Add(new("client_id", TestIdp.ClientId));
            fields.Add(new("client_secret", secret));
        }
        else
        {
            request.Headers.Authorization = Basic(TestIdp.ClientId, secret);
        }

        request.Content = new FormUrlEncodedContent(fields);
        return await TokenResult.ReadAsync(await Http.SendAsync(request));
    }

    // RFC 6749 §2.3.1: each part form-urlencoded, then base64 of "id:secret".
    public static AuthenticationHeaderValue Basic(string clientId, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}")));

    public async Task<(HttpStatusCode Status, JsonObject? Body, HttpResponseMessage Response)> UserInfoAsync(string? bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{IdpBaseUrl}/userinfo");
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        var response = await Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonObject>(), response);
    }

    public void Dispose() => Http.Dispose();

    private Task<HttpResponseMessage> AnswerPageAsync(HtmlForm form, string username, string password, bool allowConsent)
    {
        var fields = form.Fields.ToList();
        if (form.Id == "login-form")
        {
            LoginPagesSeen++;
            fields.Add(new("username", username));
            fields.Add(new("password", password));
        }
        else
        {
            ConsentPagesSeen++;
            fields.Add(new("decision", allowConsent ? "allow" : "deny"));
        }

        return PostFormAsync(form.Action, fields);
    }
}
