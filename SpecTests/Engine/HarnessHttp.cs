using System.Net.Http.Headers;
using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>
/// The harness's own HTTP calls outside the browser (discovery, JWKS, the password grant, the admin
/// API, refresh and logout), recorded in the trace as <c>harness</c> exchanges. Redirects are not followed.
/// </summary>
public sealed class HarnessHttp : IDisposable
{
    private readonly HttpClient _http;
    private readonly TraceLog _log;
    private readonly TimeProvider _clock;

    public HarnessHttp(TraceLog log, TimeProvider clock, TimeSpan timeout, bool ignoreTlsErrors)
    {
        _log = log;
        _clock = clock;
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false };
        if (ignoreTlsErrors)
        {
            // Opt-in (browser.ignoreHttpsErrors) for test deployments with self-signed certificates, as the browser does.
#pragma warning disable CA5359
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }

        _http = new HttpClient(handler) { Timeout = timeout };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("pbench-auth-spec", "1"));
    }

    public Task<Exchange> GetAsync(string url, string? bearer = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, url, null, bearer, cancellationToken);

    public Task<Exchange> PostFormAsync(string url, IReadOnlyDictionary<string, string> form, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, url, form, null, cancellationToken);

    /// <summary>A JSON body: what a stand-in's <c>/__admin</c> hooks take (they refuse any other Content-Type).</summary>
    public Task<Exchange> PostJsonAsync(string url, string json, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, url, json, "application/json", null, cancellationToken);

    /// <summary>A JSON body (null: none) with a bearer token: Keycloak's admin REST API.</summary>
    public Task<Exchange> SendJsonAsync(HttpMethod method, string url, string? json, string? bearer, CancellationToken cancellationToken = default) =>
        SendAsync(method, url, json, json is null ? null : "application/json", bearer, cancellationToken);

    /// <summary>Sends and records; a network failure becomes an exchange with <see cref="Exchange.Failure"/>, never an exception.</summary>
    public async Task<Exchange> SendAsync(HttpMethod method, string url, IReadOnlyDictionary<string, string>? form, string? bearer, CancellationToken cancellationToken)
    {
        string? body = null;
        if (form is not null)
        {
            using var encoded = new FormUrlEncodedContent(form);
            body = await encoded.ReadAsStringAsync(cancellationToken);
        }

        return await SendAsync(method, url, body, form is null ? null : "application/x-www-form-urlencoded", bearer, cancellationToken);
    }

    private async Task<Exchange> SendAsync(HttpMethod method, string url, string? body, string? contentType, string? bearer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, contentType);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        var exchange = new Exchange { Id = _log.NextId(), Source = "harness", Time = _clock.GetUtcNow(), Method = method.Method, Url = url, RequestBody = body, RequestHeaders = RequestHeaders(request) };
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            var headers = response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
            exchange = exchange with { Status = (int)response.StatusCode, ResponseHeaders = headers, ResponseBody = await response.Content.ReadAsStringAsync(cancellationToken) };
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            exchange = exchange with { Failure = Describe(e) };
        }

        return _log.Add(exchange);
    }

    public void Dispose() => _http.Dispose();

    private static Dictionary<string, string> RequestHeaders(HttpRequestMessage request)
    {
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        if (request.Content?.Headers.ContentType is { } type)
        {
            headers["Content-Type"] = type.ToString();
        }

        return headers;
    }

    private static string Describe(Exception e) => e is TaskCanceledException ? "timed out" : e.InnerException?.Message ?? e.Message;
}
