using PbenchAuthSpec.MockBroker.Fixtures;

namespace PbenchAuthSpec.MockBroker.Tokens;

/// <summary>
/// Which of a response's tokens carry the login's <c>nonce</c>, as the realm's Keycloak line puts it.
/// </summary>
internal readonly record struct NoncePlacement(string? Access, string? Refresh, string? Id)
{
    /// <param name="nonce">The client session's nonce: the one the login's authorization request sent.</param>
    /// <param name="codeExchange">The response to the code exchange (not a refresh or a password grant).</param>
    /// <param name="mappers">The client's protocol mappers and those of the client scopes applied to the request.</param>
    public static NoncePlacement For(int keycloakVersion, IEnumerable<ProtocolMapperRepresentation> mappers, string? nonce, bool codeExchange)
    {
        if (nonce is null)
        {
            return default;
        }

        // Keycloak 24 and earlier (TokenManager.initToken): the client session's nonce note goes into
        // the access token, the refresh token made from it, and the id_token, on refresh too.
        if (keycloakVersion <= 24)
        {
            return new NoncePlacement(nonce, nonce, nonce);
        }

        // Keycloak 25 upgrade notes, "Nonce claim is only added to the ID token": OIDC Core §3.1.3.6
        // puts it in the id_token of the code exchange only, never after a refresh (§12.2) — unless the
        // client or one of its applied client scopes has the "Nonce backwards compatible" mapper, which restores the old placement.
        var mapper = mappers.FirstOrDefault(m => m.ProtocolMapper == ProtocolMapperRepresentation.NonceBackwardsCompatible);
        if (mapper is null)
        {
            return new NoncePlacement(null, null, codeExchange ? nonce : null);
        }

        // The refresh token is made from the access token, so it carries what the access token does.
        var access = mapper.AddsTo("access.token.claim") ? nonce : null;
        return new NoncePlacement(access, access, codeExchange || mapper.AddsTo("id.token.claim") ? nonce : null);
    }
}
