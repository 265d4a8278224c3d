using PbenchAuthSpec.MockBroker.Fixtures;

namespace PbenchAuthSpec.MockBroker.Hosting;

/// <summary>
/// A client as Keycloak stores it: typed settings and the attributes that carry the same
/// settings (<c>pkce.code.challenge.method</c>, <c>post.logout.redirect.uris</c>) kept in step,
/// whichever side set them, and an id.
/// </summary>
internal static class KeycloakClients
{
    public const string PkceAttribute = "pkce.code.challenge.method";
    public const string PostLogoutAttribute = "post.logout.redirect.uris";
    public const string AccessTokenLifespanAttribute = "access.token.lifespan";
    public const string BackchannelLogoutUrlAttribute = "backchannel.logout.url";

    public static ClientFixture Normalize(ClientFixture client, string realm, string? id = null)
    {
        var attributes = new Dictionary<string, string>(client.Attributes, StringComparer.Ordinal);
        // The attribute is Keycloak's setting; the typed field is the fixture's shorthand for it.
        var pkce = attributes.TryGetValue(PkceAttribute, out var method) ? method : client.PkceCodeChallengeMethod;
        var postLogout = attributes.TryGetValue(PostLogoutAttribute, out var joined)
            ? joined.Split("##", StringSplitOptions.RemoveEmptyEntries)
            : client.PostLogoutRedirectUris;
        attributes[PkceAttribute] = pkce ?? "";
        attributes[PostLogoutAttribute] = string.Join("##", postLogout);
        return client with
        {
            Id = client.Id ?? id ?? ImportedUserIds.NameBased($"{realm}/client/{client.ClientId}").ToString(),
            PkceCodeChallengeMethod = pkce,
            PostLogoutRedirectUris = postLogout,
            Attributes = attributes,
        };
    }

    /// <summary>Keycloak: the client's <c>access.token.lifespan</c> attribute, else the realm's.</summary>
    public static TimeSpan AccessTokenLifespan(ClientFixture client, TimeSpan realmLifespan) =>
        client.Attributes.GetValueOrDefault(AccessTokenLifespanAttribute) is { } text
            && long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : realmLifespan;
}
