using System.Buffers;
using System.Text.Json;
using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.MockBroker.State;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Endpoints;

/// <summary>
/// OIDC Back-Channel Logout 1.0 §2.5 as Keycloak sends it: when a session ends by logout, every
/// client of the session with a <c>backchannel.logout.url</c> attribute gets a signed
/// <c>logout_token</c> POSTed there. Keycloak: services/src/main/java/org/keycloak/protocol/oidc/TokenManager.java
/// (initLogoutToken) and OIDCLoginProtocol.backchannelLogout.
/// </summary>
internal sealed class BackchannelLogout(BrokerContext broker)
{
    public const string Event = "http://schemas.openid.net/event/backchannel-logout";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task NotifyAsync(Realm realm, SsoSession session)
    {
        foreach (var clientId in session.Clients())
        {
            if (realm.Clients.GetValueOrDefault(clientId) is not { } client
                || client.Attributes.GetValueOrDefault(KeycloakClients.BackchannelLogoutUrlAttribute) is not { Length: > 0 } url
                || !Uri.TryCreate(broker.Stack.Resolve(url), UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
            {
                continue;
            }

            var token = LogoutToken(realm, session, clientId, client.Attributes.GetValueOrDefault("backchannel.logout.session.required") != "false");
            using var cancel = new CancellationTokenSource(Timeout);
            try
            {
                using var content = new FormUrlEncodedContent([new("logout_token", token)]);
                using var response = await broker.BackChannel.PostAsync(target, content, cancel.Token);
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                // Keycloak logs a failed back-channel logout and goes on with the others.
            }
        }
    }

    // Back-Channel Logout §2.4: iss, aud, iat, jti, events, sub and sid; header typ logout+jwt (§2.4, Keycloak 21+).
    private string LogoutToken(Realm realm, SsoSession session, string clientId, bool withSid)
    {
        var now = broker.Clock.GetUtcNow().ToUnixTimeSeconds();
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("iat", now);
            w.WriteNumber("exp", now + (long)realm.Lifetimes.AccessToken.TotalSeconds);
            w.WriteString("jti", Guid.NewGuid().ToString());
            w.WriteString("iss", broker.IssuerFor(realm));
            w.WriteString("aud", clientId);
            w.WriteString("sub", session.UserId.ToString());
            w.WriteString("typ", "Logout");
            if (withSid)
            {
                w.WriteString("sid", session.Id);
            }

            w.WriteStartObject("events");
            w.WriteStartObject(Event);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        // OIDC Back-Channel Logout §2.4: the logout token is signed as the ID token is, typ logout+jwt.
        var signer = broker.SignerFor(realm);
        return new TokenSigner(signer.Key, signer.Algorithm, "logout+jwt").Sign(buffer.WrittenSpan);
    }
}
