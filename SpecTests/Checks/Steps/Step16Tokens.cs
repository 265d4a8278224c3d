using PbenchAuthSpec.SpecTests.Tokens;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>Step 16's tokens: the access token as the target will validate it, and the id_token (OIDC Core §3.1.3.7).</summary>
public static class Step16Tokens
{
    /// <summary>Check ids whose failure means the target is right to refuse the broker's tokens (steps 17–19 then skip, not fail).</summary>
    public static readonly IReadOnlySet<string> TokenDefects = new HashSet<string>(StringComparer.Ordinal)
    {
        "s16.at.jws", "s16.at.alg", "s16.at.signature", "s16.at.iss", "s16.at.exp", "s16.at.aud",
    };

    public static IEnumerable<Check> Evaluate(TokenSet tokens, WalkContext context, ClientConfig? config, string? nonce)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(context);
        var at = tokens.Access;
        if (at is null)
        {
            DecodedJwt.TryDecode(tokens.AccessToken, out var why);
            return [Check.That(16, "s16.at.jws", "RFC 9068 §2.1", "access token is a JWS", false, "header.payload.signature", why)];
        }

        return [.. Access(at, tokens, context, config), .. Id(tokens, at, context, config, nonce), SessionState(tokens, at)];
    }

    private static IEnumerable<Check> Access(DecodedJwt at, TokenSet tokens, WalkContext context, ClientConfig? config)
    {
        var broker = context.Broker;
        var verified = broker.Jwks.VerifiesRs256(at, out var why);
        var exp = at.NumericClaim("exp");
        var iat = at.NumericClaim("iat");
        var expiresIn = tokens.Integer("expires_in");
        var lifetime = exp - iat;
        yield return Check.That(16, "s16.at.jws", "RFC 9068 §2.1", "access token is a JWS", true, "header.payload.signature", "decoded");
        yield return Check.That(16, "s16.at.alg", "RFC 9068 §2.1, Pbench server auth (RS256 only)", "alg is RS256", at.Alg == "RS256", "RS256", at.Alg ?? "missing");
        yield return Check.That(16, "s16.at.signature", "RFC 7515 §5.2, RFC 7517 §4.5", "signature verifies with the JWKS key its kid names", verified, $"kid in {broker.Jwks.Kids.Count()} JWKS key(s)", why)
            .WithFix("publish the realm's active signing key in its JWKS (certs endpoint) and sign with a key whose kid is there");
        yield return Check.That(16, "s16.at.iss", "RFC 9068 §4, OIDC Core §2", "iss is the broker's issuer", at.Claim("iss") == broker.RealmUrl, broker.RealmUrl, at.Claim("iss") ?? "missing")
            .WithFix($"set the realm's frontend URL so its issuer is {broker.RealmUrl}");
        yield return Check.That(16, "s16.at.exp", "RFC 7519 §4.1.4", "exp is in the future", exp is not null && iat is not null && exp > iat, "exp > iat", $"exp {Step16TokenResponse.Seconds(exp)}, iat {Step16TokenResponse.Seconds(iat)}");
        yield return Check.That(16, "s16.at.lifetime", "RFC 6749 §5.1", "exp − iat = expires_in (±2 s)", lifetime is not null && expiresIn is not null && Math.Abs(lifetime.Value - expiresIn.Value) <= 2,
            $"expires_in {Step16TokenResponse.Seconds(expiresIn)}", $"exp − iat = {Step16TokenResponse.Seconds(lifetime)}");
        yield return Check.That(16, "s16.at.sub", "RFC 9068 §2.2", "sub present", !string.IsNullOrEmpty(at.Claim("sub")), "sub", at.Claim("sub") ?? "missing");
        yield return Check.That(16, "s16.at.azp", "OIDC Core §2", "azp is the client", config?.ClientId is null ? at.Claim("azp") is not null : at.Claim("azp") == config.ClientId, config?.ClientId ?? "the client", at.Claim("azp") ?? "missing");
        yield return Check.That(16, "s16.at.aud", "RFC 9068 §3, Pbench server [openid] client as audience", $"aud contains {context.Audience}", at.Audiences.Contains(context.Audience), context.Audience, at.Audiences.Count == 0 ? "no aud" : string.Join(", ", at.Audiences))
            .WithFix($"add an audience mapper for '{context.Audience}' to a client scope of client '{config?.ClientId ?? "pbench-client"}' (Keycloak: Client scopes → Add mapper → Audience)");
        yield return Check.That(16, "s16.at.typ", "Keycloak access token", "typ is Bearer", at.Claim("typ") == "Bearer", "Bearer", at.Claim("typ") ?? "missing");
        yield return Check.That(16, "s16.at.preferred-username", "Pbench server: identity from the token", "preferred_username present", !string.IsNullOrEmpty(at.Claim("preferred_username")), "preferred_username", at.Claim("preferred_username") ?? "missing");
        yield return Step16Principal.Evaluate(at, context);
    }

    // OIDC Core §3.1.3.7: the id_token's iss, aud, nonce, and its subject is the access token's.
    private static IEnumerable<Check> Id(TokenSet tokens, DecodedJwt at, WalkContext context, ClientConfig? config, string? nonce)
    {
        if (tokens.Id is not { } id)
        {
            yield return Check.Skipped(16, "s16.id.valid", "OIDC Core §3.1.3.7", "id_token is valid", tokens.IdToken is null ? "no id_token (see s16.id-token)" : "id_token is not a JWS");
            yield break;
        }

        var client = config?.ClientId ?? at.Claim("azp");
        yield return Check.That(16, "s16.id.signature", "OIDC Core §3.1.3.7 (6)", "id_token signature verifies", context.Broker.Jwks.VerifiesRs256(id, out var why), "RS256 with a JWKS key", why);
        yield return Check.That(16, "s16.id.iss", "OIDC Core §3.1.3.7 (2)", "id_token iss is the broker's issuer", id.Claim("iss") == context.Broker.RealmUrl, context.Broker.RealmUrl, id.Claim("iss") ?? "missing");
        yield return Check.That(16, "s16.id.aud", "OIDC Core §3.1.3.7 (3)", "id_token aud is the client", client is not null && id.Audiences.Contains(client), client ?? "the client", string.Join(", ", id.Audiences));
        yield return nonce is null
            ? Check.Skipped(16, "s16.id.nonce", "OIDC Core §3.1.3.7 (11)", "id_token nonce is step 3's", "step 3 sent no nonce (see step 3)")
            : Check.That(16, "s16.id.nonce", "OIDC Core §3.1.3.7 (11)", "id_token nonce is step 3's", id.Claim("nonce") == nonce, nonce, id.Claim("nonce") ?? "missing");
        yield return Check.That(16, "s16.id.sub", "OIDC Core §5.3.2", "id_token sub is the access token's", id.Claim("sub") is { } s && s == at.Claim("sub"), at.Claim("sub") ?? "?", id.Claim("sub") ?? "missing");
    }

    private static Check SessionState(TokenSet tokens, DecodedJwt at)
    {
        var claim = at.Claim("sid") ?? at.Claim("session_state");
        return tokens.Text("session_state") is { } state
            ? Check.That(16, "s16.session-state-sid", "Keycloak token response", "session_state equals the token's sid", claim == state, state, claim is null ? "no sid claim" : $"sid {claim}")
            : Check.Skipped(16, "s16.session-state-sid", "Keycloak token response", "session_state equals the token's sid", "no session_state in the response (see s16.session-state)");
    }
}
