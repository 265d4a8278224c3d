using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FluentAssertions;

namespace PbenchAuthSpec.MockBroker.Tests.Support;

/// <summary>
/// A browser as the protocol sees it: keeps cookies, follows nothing by itself, and reads the
/// parameters of a redirect from its query or fragment.
/// </summary>
internal sealed partial class BrokerBrowser : IDisposable
{
    private readonly BrokerTestStack _stack;
    private readonly HttpClient _http;

    public BrokerBrowser(BrokerTestStack stack)
    {
        _stack = stack;
        Cookies = new CookieContainer();
        _http = new HttpClient(new LoopbackCookieHandler(Cookies));
    }

    public CookieContainer Cookies { get; }

    public HttpClient Http => _http;

    public async Task<HttpResponseMessage> GetAsync(string url, string accept = "text/html")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        return await _http.SendAsync(request);
    }

    public async Task<HttpResponseMessage> PostFormAsync(string url, IReadOnlyDictionary<string, string> form, string? origin = null, AuthenticationHeaderValue? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        request.Headers.Authorization = authorization;
        return await _http.SendAsync(request);
    }

    /// <summary>The whole brokered login: auth request, login page, IdP button, the IdP, back to the broker.</summary>
    public async Task<HttpResponseMessage> LoginThroughIdpAsync(AuthRequest request)
    {
        var page = await GetAsync(request.Url(_stack.RealmUrl));
        page.StatusCode.Should().Be(HttpStatusCode.OK, "the broker shows its login page");
        var upstream = await GetAsync(SocialLink(await page.Content.ReadAsStringAsync()));
        return await FollowUpstreamAsync(upstream);
    }

    /// <summary>From the broker's redirect to the IdP until the broker's answer to the client.</summary>
    public async Task<HttpResponseMessage> FollowUpstreamAsync(HttpResponseMessage toIdp)
    {
        toIdp.StatusCode.Should().Be(HttpStatusCode.Found, "the broker sends the browser to the IdP");
        var idpAnswer = await GetAsync(toIdp.Headers.Location!.ToString());
        idpAnswer.StatusCode.Should().Be(HttpStatusCode.Found, "the scripted IdP answers at once");
        return await GetAsync(idpAnswer.Headers.Location!.ToString());
    }

    /// <summary>A brokered login that must succeed; the code and the rest of the response parameters.</summary>
    public async Task<IReadOnlyDictionary<string, string>> LoginAsync(AuthRequest request)
    {
        var response = await LoginThroughIdpAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.Found);
        var parameters = Parameters(response);
        parameters.Should().ContainKey("code", "the login succeeded: {0}", string.Join("&", parameters.Select(p => $"{p.Key}={p.Value}")));
        return parameters;
    }

    public async Task<JsonObject> ExchangeAsync(AuthRequest request, string code)
    {
        var response = await PostFormAsync(_stack.TokenUrl, request.TokenForm(code));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Brokered login and code exchange in one: the token response.</summary>
    public async Task<JsonObject> TokensAsync(AuthRequest? request = null)
    {
        request ??= new AuthRequest();
        var parameters = await LoginAsync(request);
        return await ExchangeAsync(request, parameters["code"]);
    }

    public static string SocialLink(string html, string alias = "mockidp") =>
        WebUtility.HtmlDecode(Regex.Match(html, $"id=\"social-{alias}\"[^>]*href=\"([^\"]+)\"").Groups[1].Value);

    public static string FormAction(string html) =>
        WebUtility.HtmlDecode(FormActionPattern().Match(html).Groups[1].Value);

    /// <summary>The parameters of a redirect, from its fragment if it has one, else its query.</summary>
    public static IReadOnlyDictionary<string, string> Parameters(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException($"no Location on a {(int)response.StatusCode}");
        var text = location.IsAbsoluteUri && location.Fragment.Length > 1 ? location.Fragment[1..] : location.IsAbsoluteUri ? location.Query.TrimStart('?') : "";
        return text.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : "");
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"")]
    private static partial Regex FormActionPattern();
}
