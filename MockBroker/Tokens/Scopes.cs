namespace PbenchAuthSpec.MockBroker.Tokens;

/// <summary>Keycloak's built-in client scopes, and what it writes into a token's <c>scope</c>.</summary>
internal static class Scopes
{
    // Default client scopes (always granted) and optional ones a client may ask for.
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "openid", "profile", "email", "roles", "web-origins", "acr", "basic", "address", "phone", "microprofile-jwt",
    };

    // Scopes whose "include in token scope" is on in Keycloak.
    private static readonly string[] Defaults = ["email", "profile"];
    private static readonly string[] OptionalInScope = ["address", "phone", "microprofile-jwt"];

    // Only openid and the optional scopes change the granted scope: its 16 forms are written once,
    // not per token request (bench/: the client_credentials path).
    private static readonly string[] GrantedByMask = Enumerable.Range(0, 1 << (OptionalInScope.Length + 1)).Select(Write).ToArray();

    public static bool HasOpenId(string scope) => scope.Split(' ').Contains("openid", StringComparer.Ordinal);

    /// <summary>RFC 6749 §3.3: the scopes the realm does not know (each one makes <c>invalid_scope</c>).</summary>
    public static IReadOnlyList<string> Unknown(string? requested) =>
        Split(requested).Where(s => !Known.Contains(s)).ToList();

    /// <summary>The granted scope as Keycloak writes it: <c>openid</c> first, then the rest sorted.</summary>
    public static string Granted(string? requested)
    {
        var mask = 0;
        foreach (var scope in Split(requested))
        {
            var optional = Array.IndexOf(OptionalInScope, scope);
            mask |= scope == "openid" ? 1 : optional >= 0 ? 1 << (optional + 1) : 0;
        }

        return GrantedByMask[mask];
    }

    /// <summary>Bit 0: openid asked; bit i + 1: <c>OptionalInScope[i]</c> asked.</summary>
    private static string Write(int mask)
    {
        var granted = Defaults.Concat(OptionalInScope.Where((_, i) => (mask & (1 << (i + 1))) != 0)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return string.Join(' ', (mask & 1) != 0 ? granted.Prepend("openid") : granted);
    }

    private static string[] Split(string? scope) =>
        (scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
