namespace PbenchAuthSpec.MockBroker;

/// <summary>
/// The names of MockBroker's switchable misbehaviours (Keycloak's). Each one breaks one rule the
/// conformance spec must catch; none of them touches realm <c>master</c>, whose tokens only
/// serve the admin API that reports on the run.
/// </summary>
public static class BrokerFaults
{
    /// <summary>Tokens' <c>iss</c> and the RFC 9207 <c>iss</c> response parameter differ from the issuer.</summary>
    public const string WrongIss = "wrong-iss";

    /// <summary>The authorization response to the client drops <c>state</c>.</summary>
    public const string StateNotEchoed = "state-not-echoed";

    /// <summary><c>expires_in</c> differs from the access token's <c>exp − iat</c>.</summary>
    public const string ExpiresInMismatch = "expires-in-mismatch";

    /// <summary>The token response has no <c>token_type</c>.</summary>
    public const string MissingTokenType = "missing-token-type";

    /// <summary>The access token's <c>aud</c> lacks the audience mapper's <c>pbench-server</c>.</summary>
    public const string NoAudience = "no-audience";

    /// <summary>No CORS headers on any response.</summary>
    public const string NoCors = "no-cors";

    /// <summary>Tokens are signed by a key whose <c>kid</c> is not in the JWKS.</summary>
    public const string UnknownKid = "unknown-kid";

    /// <summary>Never asks the IdP's userinfo endpoint, whatever <c>disableUserInfo</c> says (a provider that releases profile claims only there then names the user by its <c>sub</c>).</summary>
    public const string NoUserinfo = "no-userinfo";

    /// <summary>Accepts only RS256 id_tokens from the IdP (an ES256- or PS256-signing provider then fails).</summary>
    public const string Rs256Only = "rs256-only";

    /// <summary>Sends no PKCE toward the IdP, whatever <c>pkceEnabled</c> says (a provider that requires PKCE then refuses).</summary>
    public const string NoIdpPkce = "no-idp-pkce";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        WrongIss, StateNotEchoed, ExpiresInMismatch, MissingTokenType, NoAudience, NoCors, UnknownKid, NoUserinfo, Rs256Only, NoIdpPkce,
    };

    /// <summary>The name itself, or an error that lists the known names.</summary>
    public static string Validate(string name) =>
        All.Contains(name)
            ? name
            : throw new ArgumentException($"unknown broker fault '{name}' (known: {string.Join(", ", All.Order(StringComparer.Ordinal))}).", nameof(name));
}
