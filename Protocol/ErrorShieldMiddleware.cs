using Microsoft.AspNetCore.Http;

namespace PbenchAuthSpec.Protocol;

/// <summary>
/// Malformed HTTP that gets past Kestrel (a body that breaks off, a bad chunk) becomes a 400
/// with an OAuth error body rather than a 500. Any other exception is a bug in a stand-in:
/// it is answered with <c>server_error</c> and written to stderr so a test sees it.
/// </summary>
internal sealed class ErrorShieldMiddleware(RequestDelegate next, string server)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            await OAuthError.WriteAsync(context, "invalid_request", $"malformed HTTP request: {ProtocolParameters.Trim(e.Message)}", e.StatusCode);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            await Console.Error.WriteLineAsync($"{server}: internal error on {context.Request.Method} {context.Request.Path}: {e}");
            await OAuthError.WriteAsync(context, "server_error", $"{server} failed: {ProtocolParameters.Trim(e.Message)}", StatusCodes.Status500InternalServerError);
        }
    }
}
