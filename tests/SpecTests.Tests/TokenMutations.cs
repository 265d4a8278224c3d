using System.Text.Json.Nodes;
using PbenchAuthSpec.SpecTests.Tokens;

namespace PbenchAuthSpec.SpecTests.Tests;

/// <summary>Step 16: for every check of the token response and its tokens, a bad one it must catch.</summary>
internal static class TokenMutations
{
    public static IEnumerable<Mutation> Step16() =>
    [
        new("s16.status", "400 from the token endpoint", s => s.Edit["token"] = e => e with { Status = 400 }),
        new("s16.json", "not JSON", s => s.Edit["token"] = e => e with { ResponseBody = "access_token=x" }),
        new("s16.access-token", "no access_token", s => s.TokenResponse = Remove("access_token")),
        new("s16.expires-in", "expires_in as a string", s => s.TokenResponse = Set("expires_in", "300")),
        new("s16.expires-in", "expires_in 0", s => s.TokenResponse = Set("expires_in", 0)),
        new("s16.refresh-expires-in", "refresh_expires_in -1", s => s.TokenResponse = Set("refresh_expires_in", -1)),
        new("s16.refresh-token", "no refresh_token", s => s.TokenResponse = Remove("refresh_token")),
        new("s16.token-type", "token_type mac", s => s.TokenResponse = Set("token_type", "mac")),
        new("s16.token-type", "no token_type", s => s.TokenResponse = Remove("token_type")),
        new("s16.id-token", "no id_token", s => s.TokenResponse = Remove("id_token")),
        new("s16.session-state", "no session_state", s => s.TokenResponse = Remove("session_state")),
        new("s16.scope", "scope without openid", s => s.TokenResponse = Set("scope", "profile email")),
        new("s16.no-store", "no Cache-Control", s => s.Edit["token"] = e => LoginMutations.Without(e, "Cache-Control")),
        new("s16.at.jws", "an opaque access token", s => s.SignAccess = _ => "opaque-token"),
        new("s16.at.alg", "HS256 access token", s => s.SignAccess = c => JwsSigner.Hs256(c, new byte[32], SyntheticKeys.Broker.Kid)),
        new("s16.at.signature", "signed by a key the JWKS does not have", s => s.SignAccess = c => JwsSigner.Rs256(c, SyntheticKeys.Idp.Rsa, SyntheticKeys.Broker.Kid)),
        new("s16.at.iss", "wrong iss", s => s.AccessClaims["iss"] = SyntheticLogin.Realm + "x"),
        new("s16.at.exp", "exp before iat", s => s.AccessClaims["exp"] = s.AccessClaims["iat"]!.GetValue<long>() - 1),
        new("s16.at.lifetime", "exp − iat ≠ expires_in", s => s.AccessClaims["exp"] = s.AccessClaims["iat"]!.GetValue<long>() + 100),
        new("s16.at.sub", "no sub", s => s.AccessClaims.Remove("sub")),
        new("s16.principal", "the token names the IdP's opaque sub, not the login user", s => s.AccessClaims["preferred_username"] = "d3aa385a91dd2afb"),
        new("s16.at.azp", "azp another client", s => s.AccessClaims["azp"] = "other"),
        new("s16.at.aud", "aud without pbench-server", s => s.AccessClaims["aud"] = "account"),
        new("s16.at.typ", "typ ID", s => s.AccessClaims["typ"] = "ID"),
        new("s16.at.preferred-username", "no preferred_username", s => s.AccessClaims.Remove("preferred_username")),
        new("s16.id.signature", "id_token signed by a foreign key", s => s.SignId = c => JwsSigner.Rs256(c, SyntheticKeys.Idp.Rsa, SyntheticKeys.Broker.Kid)),
        new("s16.id.iss", "id_token iss wrong", s => s.IdClaims["iss"] = "http://elsewhere"),
        new("s16.id.aud", "id_token for another client", s => s.IdClaims["aud"] = "other"),
        new("s16.id.nonce", "id_token nonce not step 3's", s => s.IdClaims["nonce"] = "other"),
        new("s16.id.sub", "id_token for another subject", s => s.IdClaims["sub"] = "u-2"),
        new("s16.session-state-sid", "session_state not the sid", s => s.TokenResponse = Set("session_state", "other-sid")),
    ];

    private static Func<JsonObject, JsonObject> Remove(string name) => body =>
    {
        body.Remove(name);
        return body;
    };

    private static Func<JsonObject, JsonObject> Set(string name, JsonNode? value) => body =>
    {
        body[name] = value;
        return body;
    };
}
