using PbenchAuthSpec.MockBroker.Fixtures;
using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Endpoints;

/// <summary>RFC 6749 §2.3: who is calling the token endpoint. Public clients name themselves; confidential ones prove it.</summary>
internal static class ClientAuthentication
{
    public sealed record Outcome(ClientFixture? Client, string? Error, string? Description, bool UsedBasic, int Status = StatusCodes.Status401Unauthorized)
    {
        /// <summary>The HTTP status of a refusal: the authenticator's, or 400 for a malformed request.</summary>
        public int RefusalStatus => Error == "invalid_request" ? StatusCodes.Status400BadRequest : Status;
    }

    public static Outcome Authenticate(Realm realm, HttpRequest request, ProtocolParameters form)
    {
        var basic = ReadBasic(request, out var malformed);
        if (malformed)
        {
            return new Outcome(null, "invalid_client", "malformed Basic credentials in the Authorization header", true);
        }

        // RFC 6749 §2.3: a client must not use more than one authentication method per request.
        if (basic is not null && form.Has("client_secret"))
        {
            return new Outcome(null, "invalid_request", "client credentials are in both the Authorization header and the body", true);
        }

        if (basic is not null && form["client_id"] is { } named && named != basic.ClientId)
        {
            return new Outcome(null, "invalid_request", "client_id in the body differs from the Authorization header", true);
        }

        var clientId = basic?.ClientId ?? form["client_id"];
        var secret = basic?.ClientSecret ?? form["client_secret"];
        // Keycloak: services/src/main/java/org/keycloak/authentication/authenticators/client/ClientIdAndSecretAuthenticator.java
        // answers a missing client_id with 400 invalid_client, an unknown or disabled client with
        // 401 invalid_client, and a missing or wrong secret with 401 unauthorized_client.
        if (clientId is null)
        {
            return new Outcome(null, "invalid_client", "Missing client_id parameter", basic is not null, StatusCodes.Status400BadRequest);
        }

        if (!realm.Clients.TryGetValue(clientId, out var client) || !client.Enabled)
        {
            return new Outcome(null, "invalid_client", "Invalid client or Invalid client credentials", basic is not null);
        }

        // RFC 6749 §3.2.1: a confidential client must authenticate.
        if (!client.PublicClient && (secret is null || !PendingLoginLookup.SameText(client.Secret!, secret)))
        {
            return new Outcome(null, "unauthorized_client", "Invalid client or Invalid client credentials", basic is not null);
        }

        return new Outcome(client, null, null, basic is not null);
    }

    // RFC 7617 §2 with RFC 6749 §2.3.1, with the strictness BasicCredentials documents. Another
    // scheme is no client authentication at all (the client may name itself in the body).
    private static BasicCredentials? ReadBasic(HttpRequest request, out bool malformed)
    {
        var header = request.Headers.Authorization.ToString();
        if (!BasicCredentials.IsBasic(header))
        {
            malformed = false;
            return null;
        }

        var credentials = BasicCredentials.Parse(header, out _);
        malformed = credentials is null;
        return credentials;
    }
}
