using Microsoft.AspNetCore.Http;
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

        if (form["username"] is null || form["password"] is null)
        {
            return GrantResult.Fail("invalid_request", $"Missing parameter: {(form["username"] is null ? "username" : "password")}");
        }

        if (Scopes.Unknown(realm, client, form["scope"]) is { Count: > 0 } unknown)
        {
            return GrantResult.Fail("invalid_scope", $"Invalid scopes: {BrokerHttp.Short(string.Join(' ', unknown))}");
        }

        // Keycloak answers bad user credentials with 401 (not RFC 6749's 400).
        var user = LoginActionsEndpoint.Authenticate(realm, form["username"], form["password"], out var error);
        if (user is null)
        {
            return GrantResult.Fail("invalid_grant", error == "Invalid username or password." ? "Invalid user credentials" : error, StatusCodes.Status401Unauthorized);
        }

        var session = realm.Sessions.Create(user.Id, identityProvider: null, realm.Lifetimes.SessionMax);
        return GrantResult.Ok(new TokenGrant(realm, client, user, session, Scopes.Granted(realm, client, form["scope"]), Nonce: null, Acr: "1"));
    }
}
