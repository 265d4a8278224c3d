namespace PbenchAuthSpec.ReferenceServer.Api;

/// <summary>A <c>{"message"}</c> response with an optional RFC 6750 challenge.</summary>
internal sealed class MessageResult(int status, string message, string? wwwAuthenticate = null) : IResult
{
    public int Status => status;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = status;
        if (wwwAuthenticate is not null)
        {
            response.Headers.WWWAuthenticate = wwwAuthenticate;
        }

        if (status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden)
        {
            response.Headers.CacheControl = "no-store";
        }

        await response.WriteAsJsonAsync(new MessageBody(message), httpContext.RequestAborted);
    }
}
