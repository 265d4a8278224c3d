using PbenchAuthSpec.MockBroker.Fixtures;
using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.MockBroker.State;

namespace PbenchAuthSpec.MockBroker.Tokens;

/// <summary>
/// Everything a grant decided; the issuer turns it into tokens. <see cref="Nonce"/> is the client
/// session's nonce (the login's authorization request sent it); where it goes is the realm's
/// Keycloak line's choice (<see cref="NoncePlacement"/>).
/// </summary>
internal sealed record TokenGrant(
    Realm Realm,
    ClientFixture Client,
    BrokerUser User,
    SsoSession? Session,
    string Scope,
    string? Nonce,
    string Acr)
{
    /// <summary>OIDC Core §3.1.3.3: an id_token when <c>openid</c> was granted to a user session.</summary>
    public bool IncludeIdToken => Session is not null && Scopes.HasOpenId(Scope);

    /// <summary>Keycloak issues no refresh token for client_credentials (its default since version 12).</summary>
    public bool IncludeRefreshToken => Session is not null;

    /// <summary>The response to the authorization code exchange (Keycloak 25+ puts the nonce in its id_token only).</summary>
    public bool CodeExchange { get; init; }
}
