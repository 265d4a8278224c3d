namespace PbenchAuthSpec.ReferenceServer.DashboardShared;

/// <summary>An embedded dashboard file, never cached and never handing its URL on.</summary>
internal sealed class StaticFileResult(byte[] content, string contentType) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = contentType;
        response.Headers.CacheControl = "no-store";
        // The callback URL carries the code (query or fragment): never hand it on in a Referer.
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.XContentTypeOptions = "nosniff";
        response.ContentLength = content.Length;
        return response.Body.WriteAsync(content, httpContext.RequestAborted).AsTask();
    }
}
