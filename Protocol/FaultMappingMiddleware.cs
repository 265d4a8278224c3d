using Microsoft.AspNetCore.Http;

namespace PbenchAuthSpec.Protocol;

/// <summary>Answers a request from a matching fault mapping instead of the protocol handler.</summary>
internal sealed class FaultMappingMiddleware(RequestDelegate next, FaultMappings mappings)
{
    public const string ItemKey = "PbenchAuthSpec.FaultMapping";

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/__admin", StringComparison.Ordinal) || mappings.Take(context.Request) is not { } mapping)
        {
            await next(context);
            return;
        }

        context.Items[ItemKey] = mapping.Title ?? mapping.Guid.ToString();
        var response = context.Response;
        response.StatusCode = mapping.Response.StatusCode;
        foreach (var (name, value) in mapping.Response.Headers ?? new Dictionary<string, string>())
        {
            response.Headers[name] = value;
        }

        if (mapping.Response.BodyAsJson is { } json)
        {
            if (!response.Headers.ContainsKey("Content-Type"))
            {
                response.ContentType = "application/json";
            }

            await response.WriteAsync(json.ToJsonString(), context.RequestAborted);
        }
        else if (mapping.Response.Body is { } body)
        {
            await response.WriteAsync(body, context.RequestAborted);
        }
    }
}
