using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;
using PbenchAuthSpec.ReferenceServer.Api;

namespace PbenchAuthSpec.ReferenceServer.DashboardShared;

/// <summary>
/// One dashboard's embedded files, with what both dashboards share written once in
/// <c>DashboardShared/</c>: its scripts and stylesheet (<c>ui.js</c>, <c>app.css</c>) are served
/// under each dashboard's own path, and its HTML fragments are put in place of each page's
/// <c>&lt;!--#include file="NAME.html" --&gt;</c> line when the files are loaded, so every page
/// is served whole with the element ids the spec's selectors name, and no script builds markup.
/// </summary>
internal sealed partial class DashboardFiles
{
    private const string SharedPrefix = "dashboard-shared/";

    private readonly string _path;
    private readonly FrozenDictionary<string, (byte[] Content, string Type)> _files;

    private DashboardFiles(string path, FrozenDictionary<string, (byte[] Content, string Type)> files)
    {
        _path = path;
        _files = files;
    }

    /// <summary>The files embedded as <c>resourcePrefix</c>NAME, served at <c>path</c>NAME.</summary>
    public static DashboardFiles Load(string resourcePrefix, string path)
    {
        var own = Resources(resourcePrefix);
        var shared = Resources(SharedPrefix);
        if (own.Count == 0)
        {
            throw new InvalidOperationException($"the {path} files are not embedded in the assembly.");
        }

        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var (file, content) in shared.Where(f => !IsHtml(f.Key)).Concat(own))
        {
            var bytes = IsHtml(file) ? Encoding.UTF8.GetBytes(Expand(file, Encoding.UTF8.GetString(content), shared)) : content;
            files[file] = (bytes, ContentType(file));
        }

        return new DashboardFiles(path, files.ToFrozenDictionary(StringComparer.Ordinal));
    }

    public bool Contains(string file) => _files.ContainsKey(file);

    /// <summary>The file, or Pbench's 404 <c>{"message"}</c> naming what was asked for.</summary>
    public IResult Serve(string file) =>
        _files.TryGetValue(file, out var found) ? new StaticFileResult(found.Content, found.Type) : ApiRequest.NotFound($"{_path}{ApiRequest.Trim(file)} not found");

    // Shared HTML files are fragments, only ever included; a dashboard's own are its pages.
    private static bool IsHtml(string file) => file.EndsWith(".html", StringComparison.Ordinal);

    // A page names a fragment that is not in DashboardShared/: a build mistake, said at startup.
    private static string Expand(string page, string html, Dictionary<string, byte[]> shared) =>
        IncludeLine().Replace(html, include => shared.TryGetValue(include.Groups["file"].Value, out var fragment)
            ? Encoding.UTF8.GetString(fragment)
            : throw new InvalidOperationException($"{page} includes {include.Groups["file"].Value}, which is not in DashboardShared/."));

    private static Dictionary<string, byte[]> Resources(string prefix)
    {
        var assembly = typeof(DashboardFiles).Assembly;
        var found = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            found[name[prefix.Length..]] = copy.ToArray();
        }

        return found;
    }

    private static string ContentType(string file) => Path.GetExtension(file) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        _ => "application/octet-stream",
    };

    // The whole line, indentation and line end included: the fragment brings its own.
    [GeneratedRegex("""^[ \t]*<!--#include file="(?<file>[A-Za-z0-9._-]+)" -->\r?\n""", RegexOptions.Multiline)]
    private static partial Regex IncludeLine();
}
