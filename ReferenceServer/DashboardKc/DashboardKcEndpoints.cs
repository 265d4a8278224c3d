using System.Collections.Frozen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PbenchAuthSpec.ReferenceServer.Api;

namespace PbenchAuthSpec.ReferenceServer.DashboardKc;

/// <summary>
/// The second dashboard at <c>/dashboard-kc/</c>, built on keycloak-js as Pbench's own dashboard
/// is. Its files and keycloak-js's <c>lib/keycloak.js</c> (installed by the build with npm ci from
/// <c>DashboardKc/package.json</c>) are embedded in the assembly.
/// </summary>
internal static class DashboardKcEndpoints
{
    public const string Path = "/dashboard-kc/";

    private const string ResourcePrefix = "dashboard-kc/";

    private static readonly FrozenDictionary<string, (byte[] Content, string Type)> Files = Load();

    public static void Map(WebApplication app)
    {
        // Routing treats /dashboard-kc and /dashboard-kc/ as one route; the page needs the slash.
        app.MapGet(Path, (HttpContext context) => context.Request.Path.Value!.EndsWith('/')
            ? Page(context, "index.html")
            : Results.Redirect(Path + context.Request.QueryString));
        app.MapGet(Path + "{file}", (HttpContext context, string file) => Page(context, file));
    }

    private static IResult Page(HttpContext context, string file)
    {
        if (!Files.TryGetValue(file, out var found))
        {
            return ApiRequest.NotFound($"{Path}{ApiRequest.Trim(file)} not found");
        }

        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        // The page URL carries the code in its fragment only briefly; never hand the URL on.
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        return Results.Bytes(found.Content, found.Type);
    }

    private static FrozenDictionary<string, (byte[] Content, string Type)> Load()
    {
        var assembly = typeof(DashboardKcEndpoints).Assembly;
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var file = name[ResourcePrefix.Length..];
            files[file] = (copy.ToArray(), ContentType(file));
        }

        return files.ContainsKey("keycloak.js")
            ? files.ToFrozenDictionary(StringComparer.Ordinal)
            : throw new InvalidOperationException("keycloak.js is not embedded: rebuild ReferenceServer with npm on the PATH (the build runs npm ci in ReferenceServer/DashboardKc).");
    }

    private static string ContentType(string file) => System.IO.Path.GetExtension(file) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        _ => "application/octet-stream",
    };
}
