using System.Security.Cryptography;
using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.MockBroker.Pages;
using PbenchAuthSpec.MockBroker.State;

namespace PbenchAuthSpec.MockBroker.Endpoints;

/// <summary>The end of every successful login: a single-use code and the redirect back to the client.</summary>
internal sealed class LoginFinisher(BrokerContext broker)
{
    /// <summary>RFC 6749 §4.1.2: code, state, Keycloak's session_state, and RFC 9207's iss.</summary>
    public Task SucceedAsync(HttpContext http, Realm realm, AuthorizationRequest request, SsoSession session, string acr)
    {
        var code = NewCode();
        realm.Codes.Set(code, new AuthorizationCode(code, request, session.Id, session.UserId, acr), broker.Clock.GetUtcNow() + realm.Lifetimes.Code);
        BrokerCookies.SetSso(http.Response, realm, session);
        return RespondAsync(http, realm, request.ClientId, request.RedirectUri, request.ResponseMode, request.State, [new("code", code), new("session_state", session.Id)]);
    }

    /// <summary>RFC 6749 §4.1.2.1: an error for a trusted (registered) redirect URI.</summary>
    public Task FailAsync(HttpContext http, Realm realm, string clientId, string redirectUri, string responseMode, string? state, string error, string? description) =>
        RespondAsync(http, realm, clientId, redirectUri, responseMode, state, [new("error", error), new("error_description", description)]);

    private Task RespondAsync(HttpContext http, Realm realm, string clientId, string redirectUri, string responseMode, string? state, KeyValuePair<string, string?>[] parameters)
    {
        var echoed = broker.Fault(realm, BrokerFaults.StateNotEchoed) ? null : state;
        var all = parameters.Append(new("state", echoed)).Append(new("iss", broker.IssuerFor(realm))).Where(p => p.Value is not null).Select(p => new KeyValuePair<string, string>(p.Key, p.Value!)).ToList();
        if (ResponseModes.IsJwt(responseMode))
        {
            all = [new("response", AuthorizationResponseJwt(realm, clientId, all))];
        }

        // OAuth 2.0 Form Post Response Mode §2: a page that posts the parameters to the redirect URI.
        return ResponseModes.Carrier(responseMode) == "form_post"
            ? BrokerHttp.HtmlAsync(http, FormPostPage.Render(redirectUri, all))
            : BrokerHttp.RedirectAsync(http, AuthorizationResponse.Build(redirectUri, ResponseModes.Carrier(responseMode), all.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))));
    }

    // JARM §2.1: the parameters as claims of a JWT signed by the realm, with iss, aud (the client) and exp;
    // Keycloak gives it the realm's access code lifespan.
    private string AuthorizationResponseJwt(Realm realm, string clientId, List<KeyValuePair<string, string>> parameters)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("exp", (broker.Clock.GetUtcNow() + realm.Lifetimes.Code).ToUnixTimeSeconds());
            w.WriteString("iss", broker.IssuerFor(realm));
            w.WriteString("aud", clientId);
            foreach (var (name, value) in parameters.Where(p => p.Key != "iss"))
            {
                w.WriteString(name, value);
            }

            w.WriteEndObject();
        }

        return broker.SignerFor(realm).Sign(buffer.WrittenSpan);
    }

    // RFC 6749 §10.10: codes must be unguessable (192 bits here).
    private static string NewCode() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));
}
