using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PbenchAuthSpec.ReferenceServer.DashboardShared;

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

    private static readonly DashboardFiles Files = Load();

    public static void Map(WebApplication app)
    {
        // Routing treats /dashboard-kc and /dashboard-kc/ as one route; the page needs the slash.
        app.MapGet(Path, (HttpContext context) => context.Request.Path.Value!.EndsWith('/')
            ? Files.Serve("index.html")
            : Results.Redirect(Path + context.Request.QueryString));
        app.MapGet(Path + "{file}", (string file) => Files.Serve(file));
    }

    private static DashboardFiles Load()
    {
        var files = DashboardFiles.Load(ResourcePrefix, Path);
        return files.Contains("keycloak.js")
            ? files
            : throw new InvalidOperationException("keycloak.js is not embedded: rebuild ReferenceServer with npm on the PATH (the build runs npm ci in ReferenceServer/DashboardKc).");
    }
}
