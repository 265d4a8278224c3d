namespace PbenchAuthSpec.StandIns;

/// <summary>
/// A target the stand-ins host without starting it (<c>serve --target URL</c>): an origin, since
/// the realm registers it as <c>pbench-client</c>'s web origin and <c>{URL}/dashboard/*</c> as its
/// redirect URIs, and never a stand-in's own origin (the walk would test the stand-in).
/// </summary>
public sealed class ForeignTarget
{
    private ForeignTarget(Uri uri)
    {
        Uri = uri;
        Origin = uri.GetLeftPart(UriPartial.Authority);
    }

    public Uri Uri { get; }

    /// <summary>The URL without a trailing slash, as <c>{target}</c> resolves.</summary>
    public string Origin { get; }

    /// <summary>The target URL, or an <see cref="ArgumentException"/> that says in one line what is wrong with it.</summary>
    public static ForeignTarget Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException($"--target {url}: expected the absolute http(s) URL of the server under test, such as https://pbench.example.com or http://127.0.0.1:8080.");
        }

        // RFC 6454 §4: a web origin is scheme, host and port; a path, query or fragment would never match one.
        if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            throw new ArgumentException($"--target {url}: expected the server's origin (scheme://host[:port]) with no path, query or user; the dashboard is then {uri.GetLeftPart(UriPartial.Authority)}/dashboard/.");
        }

        return new ForeignTarget(uri);
    }

    /// <summary>Refuses a target on the loopback socket of a stand-in (port 0: not known yet, nothing to compare).</summary>
    public void RequireNotOn(params (string Name, int Port)[] standIns)
    {
        ArgumentNullException.ThrowIfNull(standIns);
        if (!IsLoopback(Uri.Host))
        {
            return;
        }

        foreach (var (name, port) in standIns)
        {
            if (port != 0 && port == Uri.Port)
            {
                throw new ArgumentException($"--target {Origin}: that is {name}'s own origin (the stand-ins listen on http://127.0.0.1:{port}); give the origin of the server under test.");
            }
        }
    }

    // The stand-ins bind 127.0.0.1, which these two names reach.
    private static bool IsLoopback(string host) => host is "localhost" or "127.0.0.1";
}
