using Microsoft.IdentityModel.JsonWebTokens;
using PbenchAuthSpec.MockBroker.Fixtures;
using PbenchAuthSpec.MockBroker.State;

namespace PbenchAuthSpec.MockBroker.Hosting;

/// <summary>
/// Keycloak's first-broker-login flow, non-interactive: a returning IdP subject reuses its link;
/// otherwise an existing user with the same username or email is linked ("automatically set
/// existing user"); otherwise a user is imported from the id_token's claims. IdP mappers then add roles.
/// </summary>
internal sealed class FirstBrokerLogin(TimeProvider clock)
{
    public BrokerUser Resolve(Realm realm, IdentityProviderFixture idp, JsonWebToken idToken)
    {
        var subject = idToken.Subject;
        var username = (Text(idToken, "preferred_username") ?? subject).ToLowerInvariant();
        var email = Text(idToken, "email");
        var link = new FederatedIdentity(idp.Alias, subject, username);

        var user = realm.Users.ByFederatedIdentity(idp.Alias, subject);
        if (user is null)
        {
            var existing = realm.Users.ByUsername(username) ?? (email is null ? null : realm.Users.ByEmail(email));
            user = existing is null ? Import(realm, idp, idToken, username, email, link) : existing with { FederatedIdentities = [.. existing.FederatedIdentities, link] };
        }

        user = ApplyMappers(user, idp, idToken);
        realm.Users.Update(user);
        return user;
    }

    private BrokerUser Import(Realm realm, IdentityProviderFixture idp, JsonWebToken idToken, string username, string? email, FederatedIdentity link)
    {
        var user = new BrokerUser
        {
            Id = ImportedUserIds.For(realm.Name, idp.Alias, idToken.Subject),
            Username = username,
            Email = email,
            EmailVerified = idToken.TryGetPayloadValue<bool>("email_verified", out var verified) && verified,
            FirstName = Text(idToken, "given_name"),
            LastName = Text(idToken, "family_name"),
            CreatedTimestamp = clock.GetUtcNow().ToUnixTimeMilliseconds(),
            FederatedIdentities = [link],
        };

        if (realm.Users.TryAdd(user) is not { } conflict)
        {
            return user;
        }

        // Two first logins of one IdP subject at once: the other one imported it first; use that user.
        return realm.Users.ByFederatedIdentity(idp.Alias, idToken.Subject)
            ?? throw new UpstreamException($"cannot import the IdP user '{username}': {conflict}");
    }

    // Keycloak's "Claim to Role" mapper.
    private static BrokerUser ApplyMappers(BrokerUser user, IdentityProviderFixture idp, JsonWebToken idToken)
    {
        foreach (var mapper in idp.Mappers.Where(m => Text(idToken, m.Claim) == m.ClaimValue))
        {
            // "client.role"; the role is after the last dot, since client ids may hold dots.
            if (mapper.ClientRole is { } clientRole && clientRole.LastIndexOf('.') is > 0 and var dot && dot < clientRole.Length - 1)
            {
                user = user.WithClientRole(clientRole[..dot], clientRole[(dot + 1)..]);
            }

            if (mapper.RealmRole is { } realmRole)
            {
                user = user.WithRealmRole(realmRole);
            }
        }

        return user;
    }

    private static string? Text(JsonWebToken token, string claim) =>
        token.TryGetPayloadValue<string>(claim, out var value) && !string.IsNullOrEmpty(value) ? value : null;
}
