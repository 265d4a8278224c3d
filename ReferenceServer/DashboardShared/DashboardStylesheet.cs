using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PbenchAuthSpec.ReferenceServer.DashboardShared;

/// <summary>
/// The one stylesheet of both dashboards (<c>DashboardShared/app.css</c>), served at each one's own
/// <c>app.css</c> so their pages load it from where they always have. These literal routes take
/// precedence over each dashboard's <c>{file}</c> route.
/// </summary>
internal static class DashboardStylesheet
{
    public const string ResourceName = "dashboard-shared/app.css";

    public static readonly IReadOnlyList<string> Paths = ["/dashboard/app.css", "/dashboard-kc/app.css"];

    private static readonly byte[] Content = Load();

    public static void Map(WebApplication app)
    {
        foreach (var path in Paths)
        {
            app.MapGet(path, (HttpContext context) =>
            {
                var headers = context.Response.Headers;
                headers.CacheControl = "no-store";
                headers["Referrer-Policy"] = "no-referrer";
                headers.XContentTypeOptions = "nosniff";
                return Results.Bytes(Content, "text/css; charset=utf-8");
            });
        }
    }

    private static byte[] Load()
    {
        using var stream = typeof(DashboardStylesheet).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not embedded in the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
