using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockIdp;

/// <summary>How MockIdp writes JSON and errors.</summary>
internal static class IdpResponses
{
    public static bool WantsHtml(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// RFC 6749 §4.1.2.1: when the client or redirect URI cannot be trusted the error is shown to
    /// the user, never redirected. A browser gets a page; any other caller the RFC 6749 §5.2 JSON shape.
    /// </summary>
    public static Task ShowErrorAsync(HttpContext context, string error, string description, int status = StatusCodes.Status400BadRequest) =>
        WantsHtml(context.Request)
            ? IdpPages.WriteAsync(context, IdpPages.Error(error, description), status)
            : OAuthError.WriteAsync(context, error, description, status);

    /// <summary>RFC 6749 §5.1: token and user data are never cached.</summary>
    public static async Task JsonAsync<T>(HttpContext context, T value, JsonTypeInfo<T> type)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
        var body = JsonSerializer.SerializeToUtf8Bytes(value, type);
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>Public metadata (discovery, JWKS): readable from any origin, as browser-based clients fetch it.</summary>
    public static async Task PublicJsonAsync(HttpContext context, byte[] body)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.Headers.AccessControlAllowOrigin = "*";
        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    public static Task MethodNotAllowedAsync(HttpContext context, string allowed)
    {
        context.Response.Headers.Allow = allowed;
        return OAuthError.WriteAsync(
            context,
            "invalid_request",
            $"{ProtocolText.Trim(context.Request.Method)} is not allowed on {context.Request.Path}; use {allowed}.",
            StatusCodes.Status405MethodNotAllowed);
    }

    public static Task NotFoundAsync(HttpContext context) =>
        OAuthError.WriteAsync(
            context,
            "invalid_request",
            $"MockIdp has no endpoint {ProtocolText.Trim(context.Request.Path.Value ?? "/")}; see /.well-known/openid-configuration.",
            StatusCodes.Status404NotFound);
}
