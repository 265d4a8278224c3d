using System.Text;
using Microsoft.AspNetCore.Http;
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

        if (basic is not null && form["client_id"] is { } named && named != basic.Value.Id)
        {
            return new Outcome(null, "invalid_request", "client_id in the body differs from the Authorization header", true);
        }

        var clientId = basic?.Id ?? form["client_id"];
        var secret = basic?.Secret ?? form["client_secret"];
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

    // RFC 7617 §2 with RFC 6749 §2.3.1's form-urlencoding of id and secret.
    private static (string Id, string Secret)? ReadBasic(HttpRequest request, out bool malformed)
    {
        malformed = false;
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                return (Uri.UnescapeDataString(decoded[..colon].Replace('+', ' ')), Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' ')));
            }
        }
        catch (FormatException)
        {
        }

        malformed = true;
        return null;
    }
}
