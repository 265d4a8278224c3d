using PbenchAuthSpec.MockBroker.Fixtures;
using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.MockBroker.Tokens;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Endpoints;

/// <summary>RFC 6749 §4.3 (Keycloak's "direct access grants"): how Pbench's functional tests log in.</summary>
internal static class PasswordGrant
{
    public static GrantResult Handle(Realm realm, ClientFixture client, ProtocolParameters form)
    {
        if (!client.DirectAccessGrantsEnabled)
        {
            return GrantResult.Fail("unauthorized_client", "Client not allowed for direct access grants");
        }

        if (Scopes.Unknown(realm, client, form["scope"]) is { Count: > 0 } unknown)
        {
            return GrantResult.Fail("invalid_scope", $"Invalid scopes: {BrokerHttp.Short(string.Join(' ', unknown))}");
        }

        // Keycloak's direct grant flow (services/src/main/java/org/keycloak/authentication/authenticators/directgrant/
        // ValidateUsername.java, ValidatePassword.java): 401 for a missing username or bad credentials
        // (not RFC 6749's 400), 400 "Account disabled" for a disabled user before its password is checked.
        if (form["username"] is not { } username)
        {
            return GrantResult.Fail("invalid_request", "Missing parameter: username", StatusCodes.Status401Unauthorized);
        }

        var known = realm.Users.ByUsername(username) ?? realm.Users.ByEmail(username);
        if (known is { Enabled: false, ServiceAccountClientId: null })
        {
            return GrantResult.Fail("invalid_grant", "Account disabled");
        }

        var user = LoginActionsEndpoint.Authenticate(realm, username, form["password"], out _);
        if (user is null)
        {
            return GrantResult.Fail("invalid_grant", "Invalid user credentials", StatusCodes.Status401Unauthorized);
        }

        // Keycloak: services/src/main/java/org/keycloak/protocol/oidc/grants/ResourceOwnerPasswordCredentialsGrantType.java
        // refuses a user with pending required actions (e.g. after a temporary password).
        if (user.RequiredActions.Count > 0)
        {
            return GrantResult.Fail("invalid_grant", "Account is not fully set up");
        }

        var session = realm.Sessions.Create(user.Id, identityProvider: null, realm.Lifetimes.SessionMax);
        return GrantResult.Ok(new TokenGrant(realm, client, user, session, Scopes.Granted(realm, client, form["scope"]), Nonce: null, Acr: "1"));
    }
}
