using System.Text.Json.Nodes;
using PbenchAuthSpec.ReferenceServer.Auth;
using PbenchAuthSpec.ReferenceServer.Data;

namespace PbenchAuthSpec.ReferenceServer.Api;

/// <summary>
/// <c>/api/v1/datasets</c> with Pbench's order of checks: parameters (400, and 404 for an unknown
/// dataset even for anonymous callers), then authorization (401 without a user, 403 without the right).
/// </summary>
internal sealed class DatasetsApi(ServerServices services)
{
    public void Map(WebApplication app)
    {
        // (Delegate): a handler taking only HttpContext would otherwise bind as a RequestDelegate,
        // which drops the IResult it returns.
        app.MapGet("/api/v1/datasets", (Delegate)ListAsync);
        app.MapGet("/api/v1/datasets/{id}", GetAsync);
        app.MapDelete("/api/v1/datasets/{id}", DeleteAsync);
        app.MapPost("/api/v1/datasets/{id}", UpdateAsync);
    }

    // The real server validates query keys before authorization on these APIs (defect unknown-query-keys-400: access_token too).
    private UnknownQueryKeys UnknownKeys => services.Defects.Has(DefectNames.UnknownQueryKeys400) ? UnknownQueryKeys.RefusedTokenToo : UnknownQueryKeys.Refused;

    private async Task<IResult> ListAsync(HttpContext context)
    {
        var (rest, metadata, metadataError) = DatasetMetadata.Split(context.Request.QueryString.Value);
        if (metadataError is not null)
        {
            return ApiRequest.BadRequest(metadataError);
        }

        var (query, error) = ApiRequest.Query(rest, UnknownKeys, "mine", "owner", "access", "limit", "offset");
        if (error is not null)
        {
            return error;
        }

        var filter = DatasetQuery.Parse(query!);
        if (filter.Error is { } invalid)
        {
            return ApiRequest.BadRequest(invalid);
        }

        var caller = await services.Auth.AuthenticateAsync(context);
        if (services.Gate.RefuseMalformed(caller) is { } malformed)
        {
            return malformed;
        }

        if (filter.Mine && caller.User is null)
        {
            return services.Gate.Challenge(caller, "'mine' filter requires authentication");
        }

        // An invalid token on this public read is served as anonymous, as Pbench does.
        var visible = services.Store.Datasets().Where(d => MayRead(caller.User, d)).Where(d => filter.Matches(d, caller.User)).ToList();
        var page = visible.Skip(filter.Offset).Take(filter.Limit).ToList();
        return metadata.Count == 0
            ? Results.Json(new DatasetList(visible.Count, page, ""))
            : Results.Json(new JsonObject { ["total"] = visible.Count, ["results"] = new JsonArray([.. page.Select(d => DatasetMetadata.With(d, metadata))]), ["next_url"] = "" });
    }

    private async Task<IResult> GetAsync(HttpContext context, string id)
    {
        if (Find(context, id, out var dataset) is { } error)
        {
            return error;
        }

        var caller = await services.Auth.AuthenticateAsync(context);
        if (services.Gate.RefuseMalformed(caller) is { } malformed)
        {
            return malformed;
        }

        if (dataset!.IsPublic)
        {
            return Results.Json(dataset);
        }

        return Authorize(caller, dataset, "READ", ownerOnly: true) ?? Results.Json(dataset);
    }

    private async Task<IResult> DeleteAsync(HttpContext context, string id)
    {
        if (Find(context, id, out var dataset) is { } error)
        {
            return error;
        }

        var caller = await services.Auth.AuthenticateAsync(context);
        if (Authorize(caller, dataset!, "DELETE", ownerOnly: !services.Defects.Has(DefectNames.NonOwnerDelete)) is { } refused)
        {
            return refused;
        }

        services.Store.DeleteDataset(dataset!.ResourceId);
        services.Store.Audit(caller.User!.Username, "DELETE", "DATASET", dataset.ResourceId);
        return Results.Json(new MessageBody($"Dataset {dataset.ResourceId} deleted"));
    }

    private async Task<IResult> UpdateAsync(HttpContext context, string id)
    {
        var (query, error) = ApiRequest.Query(context.Request.QueryString.Value, UnknownKeys, "access", "owner");
        if (error is not null)
        {
            return error;
        }

        if (Find(id, out var dataset) is { } missing)
        {
            return missing;
        }

        var update = DatasetUpdate.Parse(query!, services.Users);
        if (update.Error is { } invalid)
        {
            return ApiRequest.BadRequest(invalid);
        }

        var caller = await services.Auth.AuthenticateAsync(context);
        if (caller.User is { IsAdmin: false } && update.Owner is not null)
        {
            return services.Gate.Forbidden("ADMIN role is required to change dataset ownership");
        }

        if (Authorize(caller, dataset!, "UPDATE", ownerOnly: true) is { } forbidden)
        {
            return forbidden;
        }

        var changed = services.Store.UpdateDataset(dataset!.ResourceId, update.Apply);
        if (changed is null)
        {
            return ApiRequest.NotFound($"Dataset '{dataset.ResourceId}' not found");
        }

        services.Store.Audit(caller.User!.Username, "UPDATE", "DATASET", dataset.ResourceId);
        return Results.Json(changed);
    }

    /// <summary>Parameter validation for a dataset path without query keys: 400, then 404.</summary>
    private IResult? Find(HttpContext context, string id, out Dataset? dataset)
    {
        dataset = null;
        return ApiRequest.Query(context.Request.QueryString.Value, UnknownKeys).Error ?? Find(id, out dataset);
    }

    private MessageResult? Find(string id, out Dataset? dataset)
    {
        dataset = services.Store.FindDataset(id);
        return dataset is null ? ApiRequest.NotFound($"Dataset '{ApiRequest.Trim(id)}' not found") : null;
    }

    /// <summary>Null when the caller may act; else the 401/403 answer.</summary>
    private IResult? Authorize(Caller caller, Dataset dataset, string operation, bool ownerOnly)
    {
        if (caller.User is not { } user)
        {
            return services.Gate.Challenge(
                caller,
                $"Unauthenticated client is not authorized to {operation} a resource owned by {dataset.Owner} with {dataset.Access} access");
        }

        var permitted = !ownerOnly || user.IsAdmin || user.Username == dataset.Owner;
        return permitted
            ? null
            : services.Gate.Forbidden($"User {user.Username} is not authorized to {operation} a resource owned by {dataset.Owner} with {dataset.Access} access");
    }

    private static bool MayRead(PbenchUser? user, Dataset dataset) =>
        dataset.IsPublic || (user is not null && (user.IsAdmin || user.Username == dataset.Owner));
}
