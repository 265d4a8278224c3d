using System.Collections.Frozen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PbenchAuthSpec.ReferenceServer.Api;

namespace PbenchAuthSpec.ReferenceServer.Dashboard;

/// <summary>
/// The dashboard at <c>/dashboard/</c>: static files embedded in the assembly (no npm, no content
/// root to find), the same page at <c>/dashboard/callback</c>, and the settings document.
/// </summary>
internal sealed class DashboardEndpoints(DefectSet defects)
{
    private static readonly FrozenDictionary<string, (byte[] Content, string Type)> Files = Load();

    // A 1x1 transparent GIF: the "analytics pixel" the dashboard-token-to-other-origin defect
    // loads, so that the leaked request gets an ordinary image answer on either origin.
    private static readonly byte[] Pixel = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    public void Map(WebApplication app)
    {
        // Routing treats /dashboard and /dashboard/ as one route; the page's relative URLs need the slash.
        app.MapGet("/dashboard/", (HttpContext context) => context.Request.Path.Value!.EndsWith('/')
            ? Page("index.html")
            : Results.Redirect("/dashboard/" + context.Request.QueryString));
        app.MapGet(DashboardSettings.CallbackPath, () => Page("index.html"));
        app.MapGet("/dashboard/beacon.gif", () => new StaticFileResult(Pixel, "image/gif"));
        app.MapGet("/dashboard/settings.json", (HttpContext context) => Results.Json(DashboardSettings.For(defects, context.Request)));
        app.MapGet("/dashboard/{file}", (string file) => Page(file));
    }

    private static IResult Page(string file) =>
        Files.TryGetValue(file, out var found) ? new StaticFileResult(found.Content, found.Type) : ApiRequest.NotFound($"/dashboard/{ApiRequest.Trim(file)} not found");

    private static FrozenDictionary<string, (byte[] Content, string Type)> Load()
    {
        var assembly = typeof(DashboardEndpoints).Assembly;
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("dashboard/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var file = name["dashboard/".Length..];
            files[file] = (copy.ToArray(), ContentType(file));
        }

        return files.Count > 0 ? files.ToFrozenDictionary(StringComparer.Ordinal) : throw new InvalidOperationException("the dashboard files are not embedded in the assembly.");
    }

    private static string ContentType(string file) => Path.GetExtension(file) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        _ => "application/octet-stream",
    };

    private sealed class StaticFileResult(byte[] content, string contentType) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.ContentType = contentType;
            response.Headers.CacheControl = "no-store";
            // The callback URL carries the code: never hand it on in a Referer.
            response.Headers["Referrer-Policy"] = "no-referrer";
            response.Headers.XContentTypeOptions = "nosniff";
            response.ContentLength = content.Length;
            return response.Body.WriteAsync(content, httpContext.RequestAborted).AsTask();
        }
    }
}
