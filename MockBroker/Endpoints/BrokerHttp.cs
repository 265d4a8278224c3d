using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PbenchAuthSpec.MockBroker.Pages;
using PbenchAuthSpec.MockBroker.Tokens;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Endpoints;

/// <summary>The response shapes the broker's endpoints share.</summary>
internal static class BrokerHttp
{
    public static async Task JsonAsync(HttpContext http, byte[] utf8Json, int status = StatusCodes.Status200OK, bool noStore = false)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        if (noStore)
        {
            // RFC 6749 §5.1: token responses must not be cached.
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers.Pragma = "no-cache";
        }

        http.Response.ContentLength = utf8Json.Length;
        await http.Response.Body.WriteAsync(utf8Json, http.RequestAborted);
    }

    /// <summary><paramref name="value"/> as JSON with compile-time metadata (<see cref="BrokerJson.Relaxed"/>: no reflection, AOT-safe).</summary>
    public static Task JsonAsync<T>(HttpContext http, T value, JsonTypeInfo<T> type, int status = StatusCodes.Status200OK, bool noStore = false) =>
        JsonAsync(http, JsonSerializer.SerializeToUtf8Bytes(value, type), status, noStore);

    public static Task ErrorAsync(HttpContext http, string error, string description, int status = StatusCodes.Status400BadRequest) =>
        OAuthError.WriteAsync(http, error, description, status);

    /// <summary>
    /// An error that must not go back to a redirect URI (RFC 6749 §4.1.2.1): an HTML page for a
    /// browser, the same error as an OAuth JSON body for any other client.
    /// </summary>
    public static Task ErrorPageAsync(HttpContext http, string error, string description, int status = StatusCodes.Status400BadRequest) =>
        WantsHtml(http.Request)
            ? HtmlAsync(http, HtmlPages.Error(error, description), status)
            : ErrorAsync(http, error, description, status);

    public static async Task HtmlAsync(HttpContext http, string html, int status = StatusCodes.Status200OK, bool framable = false)
    {
        var response = http.Response;
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store, must-revalidate, max-age=0";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        if (!framable)
        {
            // Keycloak's login pages refuse foreign framing (clickjacking); the session iframes must be framable.
            response.Headers.XFrameOptions = "SAMEORIGIN";
            response.Headers.ContentSecurityPolicy = "frame-src 'self'; frame-ancestors 'self'; object-src 'none';";
        }

        var bytes = Encoding.UTF8.GetBytes(html);
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, http.RequestAborted);
    }

    /// <summary>
    /// A redirect; what the Location cannot carry as it is gets percent-encoded (<see cref="LocationHeader"/>),
    /// and a URI that cannot be expressed at all is refused with the 400 page, never a 500.
    /// </summary>
    public static Task RedirectAsync(HttpContext http, string location, int status = StatusCodes.Status302Found)
    {
        if (LocationHeader.Encode(location) is not { } encoded)
        {
            return ErrorPageAsync(http, "invalid_request", "Invalid parameter: redirect_uri (it cannot be expressed as a URI)");
        }

        http.Response.StatusCode = status;
        http.Response.Headers.Location = encoded;
        http.Response.Headers.CacheControl = "no-store";
        return Task.CompletedTask;
    }

    public static Task RealmNotFoundAsync(HttpContext http, string realm) =>
        OAuthError.WriteAsync(http, "Realm does not exist", $"realm '{Short(realm)}' is not configured in this broker", StatusCodes.Status404NotFound);

    public static bool WantsHtml(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    public static string Short(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
