using PbenchAuthSpec.ReferenceServer.DashboardShared;

namespace PbenchAuthSpec.ReferenceServer.DashboardKc;

/// <summary>
/// The second dashboard at <c>/dashboard-kc/</c>, built on keycloak-js as Pbench's own dashboard
/// is, and the same code with the real Pbench dashboard's face at <c>/dashboard/auth</c> and
/// <c>/dashboard/overview</c> (the routes the <c>pbench</c> preset drives; <c>/dashboard/</c> itself
/// stays the plain dashboard). Its files and keycloak-js (26.2.4's <c>lib/keycloak.js</c> and
/// 21.1.2's <c>dist/keycloak.js</c>, installed by the build with npm ci from
/// <c>DashboardKc/package.json</c>) are embedded in the assembly.
/// </summary>
internal sealed class DashboardKcEndpoints(DefectSet defects)
{
    public const string Path = "/dashboard-kc/";

    /// <summary>The real dashboard's routes: its login page, and where a login comes back to.</summary>
    public static readonly IReadOnlyList<string> PbenchRoutes = ["/dashboard/auth", "/dashboard/overview"];

    private const string ResourcePrefix = "dashboard-kc/";

    private static readonly DashboardFiles Files = Load();

    public void Map(WebApplication app)
    {
        // Routing treats /dashboard-kc and /dashboard-kc/ as one route; the page needs the slash.
        app.MapGet(Path, (HttpContext context) => context.Request.Path.Value!.EndsWith('/')
            ? Files.Serve("index.html")
            : Results.Redirect(Path + context.Request.QueryString));
        app.MapGet(Path + "settings.json", () => Results.Json(DashboardKcSettings.For(defects)));
        app.MapGet(Path + "{file}", (string file) => Files.Serve(file));
        foreach (var route in PbenchRoutes)
        {
            app.MapGet(route, () => Files.Serve("pbench.html"));
        }
    }

    private static DashboardFiles Load()
    {
        var files = DashboardFiles.Load(ResourcePrefix, Path);
        return files.Contains("keycloak.js") && files.Contains("keycloak-21.js")
            ? files
            : throw new InvalidOperationException("keycloak-js is not embedded: rebuild ReferenceServer with npm on the PATH (the build runs npm ci in ReferenceServer/DashboardKc).");
    }
}
