using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Tokens;

/// <summary>Verifies tokens the realm issued itself (refresh tokens, access tokens at userinfo and the admin API, id_token hints).</summary>
internal sealed class OwnTokens(BrokerContext broker)
{
    /// <summary>RFC 6750 §3.1 invalid_token cases: bad signature, wrong realm, wrong type, expired.</summary>
    public Task<TokenCheck> AccessAsync(Realm realm, string? token) => CheckAsync(realm, token, "Bearer", requireLive: true, hmac: false);

    /// <summary>RFC 6749 §6: the refresh token must be one this realm issued, unexpired.</summary>
    public Task<TokenCheck> RefreshAsync(Realm realm, string? token) => CheckAsync(realm, token, "Refresh", requireLive: true, hmac: true);

    /// <summary>OIDC RP-Initiated Logout §2: an expired id_token is still a valid hint.</summary>
    public Task<TokenCheck> IdTokenHintAsync(Realm realm, string? token) => CheckAsync(realm, token, "ID", requireLive: false, hmac: false);

    private async Task<TokenCheck> CheckAsync(Realm realm, string? token, string typ, bool requireLive, bool hmac)
    {
        if (CompactJwt.Read(token) is not { } read)
        {
            return TokenCheck.Fail("malformed token");
        }

        // Refresh tokens carry the realm's HS512 kid, the others an RS256 kid the realm publishes now.
        if (!await (hmac ? realm.RefreshSigner.VerifiesAsync(read) : realm.Keys.VerifyRs256Async(read)))
        {
            return TokenCheck.Fail("invalid token signature");
        }

        var jwt = new ParsedJwt(read);

        if (jwt.String("typ") != typ)
        {
            return TokenCheck.Fail($"token type is not {typ}");
        }

        var iss = jwt.String("iss");
        if (iss != realm.Urls.Issuer && iss != broker.IssuerFor(realm))
        {
            return TokenCheck.Fail("token was issued by another realm");
        }

        if (requireLive && !(jwt.Number("exp") is { } exp && exp > broker.Clock.GetUtcNow().ToUnixTimeSeconds()))
        {
            return TokenCheck.Fail("token is expired");
        }

        // RFC 7009 §2.2: a revoked access token is invalid from then on.
        if (typ == "Bearer" && jwt.String("jti") is { } jti && realm.RevokedTokens.TryGet(jti, out _))
        {
            return TokenCheck.Fail("token was revoked");
        }

        return new TokenCheck(jwt, null);
    }
}
