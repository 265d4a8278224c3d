using System.Text.Json;
using System.Text.Json.Nodes;

namespace PbenchAuthSpec.ReferenceServer.Api;

/// <summary>
/// <c>/api/v1/key[/{id}]</c>: Pbench API keys. Every call needs a user; a user sees only their own
/// keys, so another user's key id is "not found" (404), never 403.
/// </summary>
internal sealed class KeysApi(ServerServices services)
{
    public const int MaxLabelLength = 128;

    public void Map(WebApplication app)
    {
        // (Delegate): a handler taking only HttpContext would otherwise bind as a RequestDelegate,
        // which drops the IResult it returns.
        app.MapGet("/api/v1/key", (Delegate)ListAsync);
        app.MapPost("/api/v1/key", (Delegate)CreateAsync);
        app.MapGet("/api/v1/key/{id}", GetAsync);
        app.MapDelete("/api/v1/key/{id}", DeleteAsync);
    }

    // The real Pbench server's /api/v1/key does not reject unknown query keys (defect unknown-query-keys-400).
    private UnknownQueryKeys UnknownKeys => services.Defects.Has(DefectNames.UnknownQueryKeys400) ? UnknownQueryKeys.Ignored : UnknownQueryKeys.Refused;

    private async Task<IResult> ListAsync(HttpContext context)
    {
        if (ApiRequest.Query(context.Request.QueryString.Value, UnknownKeys).Error is { } error)
        {
            return error;
        }

        var caller = await services.Auth.AuthenticateAsync(context);
        return caller.User is { } user
            ? Results.Json(services.Store.KeysOf(user.Username))
            : services.Gate.Challenge(caller, "Unauthenticated client is not authorized to READ API keys");
    }

    private async Task<IResult> CreateAsync(HttpContext context)
    {
        var (query, error) = ApiRequest.Query(context.Request.QueryString.Value, UnknownKeys, "label");
        if (error is not null)
        {
            return error;
        }

        var (body, invalid) = await ApiRequest.JsonObjectAsync(context.Request);
        if (invalid is not null)
        {
            return invalid;
        }

        var (label, labelError) = Label(query!["label"], body);
        if (labelError is not null)
        {
            return ApiRequest.BadRequest(labelError);
        }

        var caller = await services.Auth.AuthenticateAsync(context);
        if (caller.User is not { } user)
        {
            return services.Gate.Challenge(caller, "Unauthenticated client is not authorized to CREATE an API key");
        }

        var key = services.Store.CreateKey(user.Username, label);
        services.Store.Audit(user.Username, "CREATE", "API_KEY", key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Results.Json(key, statusCode: StatusCodes.Status201Created);
    }

    private async Task<IResult> GetAsync(HttpContext context, string id)
    {
        var (keyId, error) = KeyId(context, id);
        if (error is not null)
        {
            return error;
        }

        var caller = await services.Auth.AuthenticateAsync(context);
        if (caller.User is not { } user)
        {
            return services.Gate.Challenge(caller, "Unauthenticated client is not authorized to READ an API key");
        }

        return services.Store.FindKeyOf(user.Username, keyId) is { } key ? Results.Json(key) : ApiRequest.NotFound($"API key {keyId} not found");
    }

    private async Task<IResult> DeleteAsync(HttpContext context, string id)
    {
        var (keyId, error) = KeyId(context, id);
        if (error is not null)
        {
            return error;
        }

        var caller = await services.Auth.AuthenticateAsync(context);
        if (caller.User is not { } user)
        {
            return services.Gate.Challenge(caller, "Unauthenticated client is not authorized to DELETE an API key");
        }

        if (!services.Store.DeleteKeyOf(user.Username, keyId))
        {
            return ApiRequest.NotFound($"API key {keyId} not found");
        }

        services.Store.Audit(user.Username, "DELETE", "API_KEY", id);
        return Results.Json(new MessageBody($"API key {keyId} deleted"));
    }

    private (long Id, IResult? Error) KeyId(HttpContext context, string id)
    {
        if (ApiRequest.Query(context.Request.QueryString.Value, UnknownKeys).Error is { } error)
        {
            return (0, error);
        }

        // Pbench's route is <int:key>: anything else names no key.
        return long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var keyId) && keyId > 0
            ? (keyId, null)
            : (0, ApiRequest.NotFound($"API key '{ApiRequest.Trim(id)}' not found"));
    }

    /// <summary>The optional label, from <c>?label=</c> or a JSON body <c>{"label": "..."}</c>.</summary>
    private static (string? Label, string? Error) Label(string? fromQuery, JsonObject? body)
    {
        if (body?.Select(p => p.Key).FirstOrDefault(k => k != "label") is { } unknown)
        {
            return (null, $"Unknown key '{ApiRequest.Trim(unknown)}' in the request payload (only 'label')");
        }

        var fromBody = body?["label"];
        if (fromBody is not null && fromBody.GetValueKind() != JsonValueKind.String)
        {
            return (null, "'label' must be a string");
        }

        if (fromQuery is not null && fromBody is not null)
        {
            return (null, "Give 'label' in the query or in the body, not both");
        }

        var label = fromQuery ?? fromBody?.GetValue<string>();
        return label is { Length: > MaxLabelLength } || (label?.Any(char.IsControl) ?? false)
            ? (null, $"'label' must be printable text of at most {MaxLabelLength} characters")
            : (label, null);
    }
}
