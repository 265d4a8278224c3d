using Microsoft.AspNetCore.Http;

namespace PbenchAuthSpec.Protocol;

/// <summary>RFC 6749 §5.2 error responses: <c>{"error", "error_description"}</c>, never cached.</summary>
public static class OAuthError
{
    public static IResult Result(string error, string description, int status = StatusCodes.Status400BadRequest, string? wwwAuthenticate = null) =>
        new OAuthErrorResult(error, description, status, wwwAuthenticate);

    public static IResult InvalidRequest(string description) => Result("invalid_request", description);

    public static IResult InvalidGrant(string description) => Result("invalid_grant", description);

    // RFC 6749 §5.2: invalid_client is 401 with WWW-Authenticate when the client used Basic.
    public static IResult InvalidClient(string description, bool usedBasic) =>
        Result("invalid_client", description, StatusCodes.Status401Unauthorized, usedBasic ? "Basic realm=\"token\"" : null);

    public static Task WriteAsync(HttpContext context, string error, string description, int status = StatusCodes.Status400BadRequest) =>
        new OAuthErrorResult(error, description, status, null).ExecuteAsync(context);

    private sealed class OAuthErrorResult(string error, string description, int status, string? wwwAuthenticate) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            response.Headers.CacheControl = "no-store";
            response.Headers.Pragma = "no-cache";
            if (wwwAuthenticate is not null)
            {
                response.Headers.WWWAuthenticate = wwwAuthenticate;
            }

            await response.WriteAsJsonAsync(
                new Dictionary<string, string> { ["error"] = error, ["error_description"] = description },
                ProtocolJson.Default.DictionaryStringString,
                cancellationToken: httpContext.RequestAborted);
        }
    }
}
