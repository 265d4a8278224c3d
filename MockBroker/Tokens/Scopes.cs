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
    private static readonly HashSet<string> OptionalInScope = new(StringComparer.Ordinal) { "address", "phone", "microprofile-jwt" };

    public static bool HasOpenId(string scope) => scope.Split(' ').Contains("openid", StringComparer.Ordinal);

    /// <summary>RFC 6749 §3.3: the scopes the realm does not know (each one makes <c>invalid_scope</c>).</summary>
    public static IReadOnlyList<string> Unknown(string? requested) =>
        Split(requested).Where(s => !Known.Contains(s)).ToList();

    /// <summary>The granted scope as Keycloak writes it: <c>openid</c> first, then the rest sorted.</summary>
    public static string Granted(string? requested)
    {
        var asked = Split(requested).ToHashSet(StringComparer.Ordinal);
        var granted = Defaults.Concat(asked.Where(OptionalInScope.Contains)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return string.Join(' ', asked.Contains("openid") ? granted.Prepend("openid") : granted);
    }

    private static string[] Split(string? scope) =>
        (scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
