using PbenchAuthSpec.MockBroker.Fixtures;
using PbenchAuthSpec.MockBroker.Hosting;

namespace PbenchAuthSpec.MockBroker.Tokens;

/// <summary>
/// Which client scopes apply to a request and what Keycloak writes into a token's <c>scope</c>:
/// the client's default client scopes always, its optional ones when asked for.
/// Keycloak: services/src/main/java/org/keycloak/protocol/oidc/TokenManager.java (isValidScope,
/// getRequestedClientScopes).
/// </summary>
internal static class Scopes
{
    public static bool HasOpenId(string scope) => scope.Split(' ').Contains("openid", StringComparer.Ordinal);

    public static IReadOnlyList<string> DefaultsOf(Realm realm, ClientFixture client) => client.DefaultClientScopes ?? realm.ClientScopes.Defaults;

    public static IReadOnlyList<string> OptionalsOf(Realm realm, ClientFixture client) => client.OptionalClientScopes ?? realm.ClientScopes.Optionals;

    /// <summary>RFC 6749 §3.3: requested scopes that are neither openid nor one of the client's scopes (each makes <c>invalid_scope</c>).</summary>
    public static IReadOnlyList<string> Unknown(Realm realm, ClientFixture client, string? requested)
    {
        var known = DefaultsOf(realm, client).Concat(OptionalsOf(realm, client)).Where(n => realm.ClientScopes.ByName(n) is not null).Append("openid").ToHashSet(StringComparer.Ordinal);
        return Split(requested).Where(s => !known.Contains(s)).ToList();
    }

    /// <summary>The granted scope as Keycloak writes it: <c>openid</c> first, then the scopes included in the token scope, sorted.</summary>
    public static string Granted(Realm realm, ClientFixture client, string? requested)
    {
        var asked = Split(requested).ToHashSet(StringComparer.Ordinal);
        var granted = Applied(realm, client, asked)
            .Where(s => s.IncludeInTokenScope)
            .Select(s => s.Name)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        return string.Join(' ', asked.Contains("openid") ? granted.Prepend("openid") : granted);
    }

    /// <summary>The client scopes in effect for a grant whose token scope (or request) names <paramref name="scope"/>.</summary>
    public static IReadOnlyList<ClientScopeRepresentation> Applied(Realm realm, ClientFixture client, string scope) =>
        Applied(realm, client, Split(scope).ToHashSet(StringComparer.Ordinal));

    private static List<ClientScopeRepresentation> Applied(Realm realm, ClientFixture client, HashSet<string> asked) =>
        DefaultsOf(realm, client).Concat(OptionalsOf(realm, client).Where(asked.Contains))
            .Select(realm.ClientScopes.ByName)
            .OfType<ClientScopeRepresentation>()
            .ToList();

    private static string[] Split(string? scope) =>
        (scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
