namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>
/// What to change when the upstream IdP answers the broker's authorization request with an error
/// (RFC 6749 §4.1.2.1): the usual causes are the identity provider's settings in the broker.
/// </summary>
public static class IdpErrorAdvice
{
    public static string Fix(string error, string? description, string alias)
    {
        var text = (description ?? "").ToUpperInvariant();
        var where = $"(Keycloak: Identity providers → {alias})";
        return error switch
        {
            "invalid_request" when text.Contains("PKCE", StringComparison.Ordinal) || text.Contains("CODE_CHALLENGE", StringComparison.Ordinal)
                => $"enable PKCE for the identity provider in the broker, method S256 {where}: \"Use PKCE\" on, \"PKCE Method\" S256",
            "invalid_request" when text.Contains("REDIRECT", StringComparison.Ordinal)
                => $"register the broker's endpoint as a redirect URI of the broker's client at the IdP",
            "unauthorized_client" or "invalid_client"
                => $"register the broker's client at the IdP, or set the identity provider's Client ID in the broker to the one the IdP knows {where}",
            "invalid_scope"
                => $"set the identity provider's default scopes in the broker to scopes the IdP offers, e.g. openid profile email {where}",
            "unsupported_response_type"
                => "allow the authorization code flow (response_type code) for the broker's client at the IdP",
            "access_denied"
                => "the login user refused consent, or the IdP does not let this user sign in to the broker's client: grant the user access at the IdP",
            "login_required" or "interaction_required" or "consent_required"
                => $"the broker forwarded prompt=none to the IdP: the IdP wants an interactive login {where}: prompt",
            "temporarily_unavailable" or "server_error"
                => "the IdP failed: see its logs, then run again",
            _ => $"see the IdP's description, and the identity provider's settings in the broker {where}",
        };
    }
}
