using PbenchAuthSpec.MockBroker.Fixtures;
using PbenchAuthSpec.MockBroker.State;

namespace PbenchAuthSpec.MockBroker.Hosting;

/// <summary>
/// Keycloak's first-broker-login flow, non-interactive: a returning IdP subject reuses its link;
/// otherwise an existing user with the same username or email is linked ("automatically set
/// existing user"); otherwise a user is imported from the brokered identity. The provider's
/// <c>syncMode</c> then says what a later login updates (IMPORT: nothing; LEGACY: mappers;
/// FORCE: the profile and mappers), as Keycloak's IdentityBrokerService and IdentityProviderMapperSyncModeDelegate.
/// </summary>
internal sealed class FirstBrokerLogin(TimeProvider clock)
{
    public BrokerUser Resolve(Realm realm, OidcProviderSettings idp, BrokeredIdentity identity)
    {
        var link = new FederatedIdentity(idp.Alias, identity.Id, identity.Username);
        var user = realm.Users.ByFederatedIdentity(idp.Alias, identity.Id);
        var imported = false;
        if (user is null)
        {
            var existing = realm.Users.ByUsername(identity.Username) ?? (identity.Email is null ? null : realm.Users.ByEmail(identity.Email));
            imported = existing is null;
            user = existing is null ? Import(realm, idp, identity, link) : existing with { FederatedIdentities = [.. existing.FederatedIdentities, link] };
        }
        else if (idp.SyncMode == "FORCE")
        {
            user = user with { Email = identity.Email ?? user.Email, FirstName = identity.FirstName ?? user.FirstName, LastName = identity.LastName ?? user.LastName };
        }

        if (imported || idp.SyncMode != "IMPORT")
        {
            user = ApplyMappers(user, realm.IdentityProviders.MappersOf(idp.Alias), identity);
        }

        realm.Users.Update(user);
        return user;
    }

    private BrokerUser Import(Realm realm, OidcProviderSettings idp, BrokeredIdentity identity, FederatedIdentity link)
    {
        var user = new BrokerUser
        {
            Id = ImportedUserIds.For(realm.Name, idp.Alias, identity.Id),
            Username = identity.Username,
            Email = identity.Email,
            // Keycloak marks the e-mail verified only for a provider trusted for e-mail ("Trust Email").
            EmailVerified = idp.Fixture.TrustEmail && identity.Email is not null,
            FirstName = identity.FirstName,
            LastName = identity.LastName,
            CreatedTimestamp = clock.GetUtcNow().ToUnixTimeMilliseconds(),
            FederatedIdentities = [link],
        };

        if (realm.Users.TryAdd(user) is not { } conflict)
        {
            return user;
        }

        // Two first logins of one IdP subject at once: the other one imported it first; use that user.
        return realm.Users.ByFederatedIdentity(idp.Alias, identity.Id)
            ?? throw new UpstreamException($"cannot import the IdP user '{identity.Username}': {conflict}");
    }

    // Keycloak's "Claim to Role" and "Hardcoded Role" mappers; roles are only added, as LEGACY does.
    private static BrokerUser ApplyMappers(BrokerUser user, IReadOnlyList<IdentityProviderMapperFixture> mappers, BrokeredIdentity identity)
    {
        foreach (var mapper in mappers)
        {
            var applies = mapper.IdentityProviderMapper == IdentityProviderMapperFixture.HardcodedRole
                || identity.HasClaim(mapper.Config.GetValueOrDefault("claim") ?? "", mapper.Config.GetValueOrDefault("claim.value") ?? "");
            if (applies && mapper.Config.GetValueOrDefault("role") is { Length: > 0 } role)
            {
                user = Grant(user, role);
            }
        }

        return user;
    }

    // KeycloakModelUtils.parseRole: "client.role" is a client role, a bare name a realm role. The role
    // is after the last dot, since client ids may hold dots; the client need not be in the fixture
    // (the audience pbench-server carries roles without being a client here).
    private static BrokerUser Grant(BrokerUser user, string role)
    {
        var dot = role.LastIndexOf('.');
        return dot > 0 && dot < role.Length - 1 ? user.WithClientRole(role[..dot], role[(dot + 1)..]) : user.WithRealmRole(role);
    }
}
