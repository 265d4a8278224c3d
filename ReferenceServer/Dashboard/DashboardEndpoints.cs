using PbenchAuthSpec.ReferenceServer.DashboardShared;

namespace PbenchAuthSpec.ReferenceServer.Dashboard;

/// <summary>
/// The dashboard at <c>/dashboard/</c>: static files embedded in the assembly (no npm, no content
/// root to find; with the shared ones, see <see cref="DashboardFiles"/>), the same page at
/// <c>/dashboard/callback</c>, and the settings document.
/// </summary>
internal sealed class DashboardEndpoints(DefectSet defects)
{
    private static readonly DashboardFiles Files = DashboardFiles.Load("dashboard/", "/dashboard/");

    // A 1x1 transparent GIF: the "analytics pixel" the dashboard-token-to-other-origin defect
    // loads, so that the leaked request gets an ordinary image answer on either origin.
    private static readonly byte[] Pixel = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    public void Map(WebApplication app)
    {
        // Routing treats /dashboard and /dashboard/ as one route; the page's relative URLs need the slash.
        app.MapGet("/dashboard/", (HttpContext context) => context.Request.Path.Value!.EndsWith('/')
            ? Files.Serve("index.html")
            : Results.Redirect("/dashboard/" + context.Request.QueryString));
        app.MapGet(DashboardSettings.CallbackPath, () => Files.Serve("index.html"));
        app.MapGet("/dashboard/beacon.gif", () => new StaticFileResult(Pixel, "image/gif"));
        app.MapGet("/dashboard/settings.json", (HttpContext context) => Results.Json(DashboardSettings.For(defects, context.Request)));
        app.MapGet("/dashboard/{file}", (string file) => Files.Serve(file));
    }
}
