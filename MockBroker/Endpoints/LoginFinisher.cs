using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using PbenchAuthSpec.MockBroker.Hosting;
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
        return BrokerHttp.RedirectAsync(http, Location(realm, request.RedirectUri, request.ResponseMode, request.State, [new("code", code), new("session_state", session.Id)]));
    }

    /// <summary>RFC 6749 §4.1.2.1: an error for a trusted (registered) redirect URI.</summary>
    public Task FailAsync(HttpContext http, Realm realm, string redirectUri, string responseMode, string? state, string error, string? description) =>
        BrokerHttp.RedirectAsync(http, Location(realm, redirectUri, responseMode, state, [new("error", error), new("error_description", description)]));

    private string Location(Realm realm, string redirectUri, string responseMode, string? state, KeyValuePair<string, string?>[] parameters)
    {
        var echoed = broker.Fault(realm, BrokerFaults.StateNotEchoed) ? null : state;
        return AuthorizationResponse.Build(redirectUri, responseMode, [.. parameters, new("state", echoed), new("iss", broker.IssuerFor(realm))]);
    }

    // RFC 6749 §10.10: codes must be unguessable (192 bits here).
    private static string NewCode() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));
}
