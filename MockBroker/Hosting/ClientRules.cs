using PbenchAuthSpec.MockBroker.Fixtures;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Hosting;

/// <summary>Redirect URI matching and web origins, the way Keycloak reads a client's registration.</summary>
internal static class ClientRules
{
    /// <summary>
    /// RFC 6749 §3.1.2.3 and RFC 9700 §4.1.3: the redirect URI is compared exactly with a registered
    /// one; a registered URI ending in <c>/*</c> (Keycloak's wildcard) matches that prefix only. Null
    /// when nothing matches, so the caller never redirects to an unregistered URI.
    /// </summary>
    public static string? MatchRedirectUri(ClientFixture client, StackUrls stack, string? requested)
    {
        var registered = client.RedirectUris.Select(stack.Resolve).ToList();
        if (requested is null)
        {
            // Keycloak: without redirect_uri, a client's single non-wildcard URI is used.
            return registered.Count == 1 && !registered[0].EndsWith('*') ? registered[0] : null;
        }

        return IsSafeAbsoluteUri(requested) && registered.Any(r => Matches(r, requested)) ? requested : null;
    }

    /// <summary>OIDC RP-Initiated Logout §3: post-logout URIs are registered; Keycloak's <c>+</c> means the redirect URIs.</summary>
    public static bool IsPostLogoutRedirectAllowed(ClientFixture client, StackUrls stack, string uri)
    {
        var registered = client.PostLogoutRedirectUris.SelectMany(p => p == "+" ? client.RedirectUris : [p]).Select(stack.Resolve);
        return IsSafeAbsoluteUri(uri) && registered.Any(r => Matches(r, uri));
    }

    /// <summary>The client's CORS origins; <c>+</c> adds the origins of its redirect URIs.</summary>
    public static IReadOnlyList<string> WebOrigins(ClientFixture client, StackUrls stack)
    {
        var origins = new List<string>();
        foreach (var origin in client.WebOrigins)
        {
            if (origin == "+")
            {
                origins.AddRange(client.RedirectUris.Select(stack.Resolve).Select(OriginOf).OfType<string>());
            }
            else
            {
                origins.Add(stack.Resolve(origin).TrimEnd('/'));
            }
        }

        return origins.Distinct(StringComparer.Ordinal).ToList();
    }

    public static bool IsWebOrigin(ClientFixture client, StackUrls stack, string origin)
    {
        var origins = WebOrigins(client, stack);
        return origins.Contains("*", StringComparer.Ordinal) || origins.Contains(origin, StringComparer.OrdinalIgnoreCase);
    }

    public static string? OriginOf(string uri) =>
        Uri.TryCreate(uri.Replace("*", "", StringComparison.Ordinal), UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"
            ? parsed.GetLeftPart(UriPartial.Authority)
            : null;

    private static bool Matches(string registered, string requested)
    {
        if (registered.EndsWith("/*", StringComparison.Ordinal))
        {
            var prefix = registered[..^1];
            return requested.StartsWith(prefix, StringComparison.Ordinal) || requested == prefix[..^1];
        }

        return registered.EndsWith('*')
            ? requested.StartsWith(registered[..^1], StringComparison.Ordinal)
            : string.Equals(registered, requested, StringComparison.Ordinal);
    }

    // RFC 6749 §3.1.2: absolute, no fragment; and nothing a browser might resolve differently
    // from a prefix comparison (dot segments, backslashes, user info, control characters).
    private static bool IsSafeAbsoluteUri(string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
        {
            return false;
        }

        if (uri.Contains('#', StringComparison.Ordinal) || uri.Contains('\\', StringComparison.Ordinal) || parsed.UserInfo.Length > 0 || uri.Any(char.IsControl) || uri.Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }

        var afterScheme = Uri.UnescapeDataString(uri[(uri.IndexOf("://", StringComparison.Ordinal) + 3)..]);
        return !afterScheme.Split('/', '?').Skip(1).Any(segment => segment is "." or "..");
    }
}
