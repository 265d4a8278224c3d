using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace PbenchAuthSpec.Protocol;

/// <summary>
/// The <c>/__admin</c> API has no authentication (a stand-in is a test tool on loopback), so it
/// must not be reachable from a web page the tester happens to open. A page can send a
/// cross-site POST without a preflight only with a CORS-safelisted Content-Type (Fetch §2.2.2:
/// <c>text/plain</c>, form encodings): every write here requires <c>application/json</c>, which
/// forces a preflight that nothing here answers. Requests a browser marks as coming from another
/// origin (<c>Origin</c>, <c>Sec-Fetch-Site</c>) are refused whatever their method, and no
/// answer under <c>/__admin</c> carries a CORS header, so no page can read one.
/// </summary>
internal sealed class AdminGuardMiddleware(RequestDelegate next)
{
    public const string Prefix = "/__admin";

    public Task InvokeAsync(HttpContext context)
    {
        // Routing matches paths case-insensitively: /__ADMIN/mappings reaches the same endpoint.
        if (!(context.Request.Path.Value ?? "").Contains(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return next(context);
        }

        context.Response.OnStarting(DropCorsHeaders, context.Response);
        if (CrossSite(context.Request) is { } why)
        {
            return OAuthError.WriteAsync(context, "access_denied", $"{Prefix} answers no cross-site caller ({why}); call it from a script or test, not from a web page", StatusCodes.Status403Forbidden);
        }

        if (IsWrite(context.Request.Method) && !IsJson(context.Request.ContentType))
        {
            return OAuthError.WriteAsync(
                context,
                "invalid_request",
                $"{Prefix} writes take Content-Type: application/json, even without a body (got '{ProtocolParameters.Trim(context.Request.ContentType ?? "none")}'); with curl: -H 'Content-Type: application/json'",
                StatusCodes.Status415UnsupportedMediaType);
        }

        return next(context);
    }

    // Fetch Metadata (Sec-Fetch-Site) where the browser sends it; Origin (RFC 6454 §7) otherwise.
    private static string? CrossSite(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site is not ("same-origin" or "none"))
        {
            return $"Sec-Fetch-Site: {ProtocolParameters.Trim(site)}";
        }

        var origin = request.Headers.Origin.ToString();
        var own = $"{request.Scheme}://{request.Host}";
        return origin.Length > 0 && !string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)
            ? $"Origin {ProtocolParameters.Trim(origin)} is not {own}"
            : null;
    }

    private static bool IsWrite(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type) && type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);

    private static Task DropCorsHeaders(object state)
    {
        var headers = ((HttpResponse)state).Headers;
        foreach (var name in headers.Keys.Where(k => k.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            headers.Remove(name);
        }

        return Task.CompletedTask;
    }
}
