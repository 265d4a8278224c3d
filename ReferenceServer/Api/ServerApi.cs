using System.Text.Json.Nodes;
using PbenchAuthSpec.ReferenceServer.Auth;

namespace PbenchAuthSpec.ReferenceServer.Api;

/// <summary>The admin-only APIs: <c>PUT /api/v1/server/settings/{key}</c> and <c>GET /api/v1/server/audit</c>.</summary>
internal sealed class ServerApi(ServerServices services)
{
    public void Map(WebApplication app)
    {
        app.MapPut("/api/v1/server/settings/{key}", PutSettingAsync);
        // (Delegate): a handler taking only HttpContext would otherwise bind as a RequestDelegate,
        // which drops the IResult it returns.
        app.MapGet("/api/v1/server/audit", (Delegate)AuditAsync);
    }

    private async Task<IResult> PutSettingAsync(HttpContext context, string key)
    {
        var (query, error) = ApiRequest.Query(context.Request, "value");
        if (error is not null)
        {
            return error;
        }

        var (body, invalid) = await ApiRequest.JsonObjectAsync(context.Request);
        if (invalid is not null)
        {
            return invalid;
        }

        var (value, problem) = SettingValue(key, query!["value"], body);
        if (problem is not null)
        {
            return ApiRequest.BadRequest(problem);
        }

        var caller = await services.Auth.AuthenticateAsync(context);
        if (RequireAdmin(caller, "UPDATE server settings") is { } refused)
        {
            return refused;
        }

        services.Store.SetSetting(key, value);
        services.Store.Audit(caller.User!.Username, "UPDATE", "SERVER_SETTING", key);
        return Results.Json(new JsonObject { [key] = value?.DeepClone() });
    }

    private async Task<IResult> AuditAsync(HttpContext context)
    {
        if (ApiRequest.Query(context.Request).Error is { } error)
        {
            return error;
        }

        var caller = await services.Auth.AuthenticateAsync(context);
        return RequireAdmin(caller, "READ the audit log") ?? Results.Json(services.Store.AuditLog());
    }

    private IResult? RequireAdmin(Caller caller, string operation)
    {
        if (caller.User is not { } user)
        {
            return services.Gate.Challenge(caller, $"Unauthenticated client is not authorized to {operation}");
        }

        return user.IsAdmin ? null : services.Gate.Forbidden($"User {user.Username} is not authorized to {operation}: ADMIN role is required");
    }

    /// <summary>
    /// The new value: <c>?value=</c>, or a JSON body <c>{"value": ...}</c> or <c>{"&lt;key&gt;": ...}</c>
    /// (both of Pbench's forms); exactly one of them.
    /// </summary>
    private static (JsonNode? Value, string? Error) SettingValue(string key, string? fromQuery, JsonObject? body)
    {
        if (!ServerSetting.Names.Contains(key, StringComparer.Ordinal))
        {
            return ServerSetting.Check(key, null);
        }

        if (body is { Count: not 1 } || (body is not null && !body.ContainsKey("value") && !body.ContainsKey(key)))
        {
            return (null, $"The request payload must be {{\"value\": ...}} or {{\"{key}\": ...}}");
        }

        if (body is not null && fromQuery is not null)
        {
            return (null, "Give the value in the query or in the body, not both");
        }

        var raw = body is not null ? body.First().Value : fromQuery is not null ? JsonValue.Create(fromQuery) : null;
        return raw is null ? (null, $"No value given for '{key}': use ?value= or a JSON body") : ServerSetting.Check(key, raw);
    }
}
