using PbenchAuthSpec.MockBroker.Fixtures;
using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.MockBroker.Tokens;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Endpoints;

/// <summary>RFC 6749 §4.4: a confidential client with a service account gets a token for itself.</summary>
internal static class ClientCredentialsGrant
{
    public static GrantResult Handle(Realm realm, ClientFixture client, ProtocolParameters form)
    {
        // RFC 6749 §4.4: confidential clients only.
        if (client.PublicClient)
        {
            return GrantResult.Fail("unauthorized_client", "Public client not allowed to retrieve service account");
        }

        if (!client.ServiceAccountsEnabled || realm.Users.ByUsername($"service-account-{client.ClientId}") is not { } user)
        {
            return GrantResult.Fail("unauthorized_client", "Client not enabled to retrieve service account");
        }

        if (Scopes.Unknown(realm, client, form["scope"]) is { Count: > 0 } unknown)
        {
            return GrantResult.Fail("invalid_scope", $"Invalid scopes: {BrokerHttp.Short(string.Join(' ', unknown))}");
        }

        return GrantResult.Ok(new TokenGrant(realm, client, user, Session: null, Scopes.Granted(realm, client, form["scope"]), Nonce: null, Acr: "1"));
    }
}
