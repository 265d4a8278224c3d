namespace PbenchAuthSpec.MockBroker.Endpoints;

/// <summary>
/// Routing answers an unknown path (404) or a wrong method (405) with an empty body; this gives
/// those answers the OAuth error body every other refusal has (Keycloak's texts).
/// </summary>
internal sealed class StatusBodyMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        var response = context.Response;
        if (response.HasStarted || response.ContentLength is > 0 || response.ContentType is not null)
        {
            return;
        }

        if (response.StatusCode == StatusCodes.Status404NotFound)
        {
            await BrokerHttp.ErrorAsync(context, "Unable to find matching target resource method", $"no endpoint at {BrokerHttp.Short(context.Request.Path.Value ?? "/")}", StatusCodes.Status404NotFound);
        }
        else if (response.StatusCode == StatusCodes.Status405MethodNotAllowed)
        {
            await BrokerHttp.ErrorAsync(context, "invalid_request", $"{BrokerHttp.Short(context.Request.Method)} is not allowed on {BrokerHttp.Short(context.Request.Path.Value ?? "/")}", StatusCodes.Status405MethodNotAllowed);
        }
    }
}
