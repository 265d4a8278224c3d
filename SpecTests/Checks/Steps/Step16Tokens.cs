using PbenchAuthSpec.SpecTests.Tokens;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>Step 16's tokens: the access token as the target will validate it, and the id_token (OIDC Core §3.1.3.7).</summary>
public static class Step16Tokens
{
    internal static readonly CheckRule AtJws = new("s16.at.jws", "RFC 9068 §2.1", "access token is a JWS") { Expected = "header.payload.signature" };
    internal static readonly CheckRule AtAlg = new("s16.at.alg", "RFC 9068 §2.1, Pbench server auth (RS256 only)", "alg is RS256")
    {
        Expected = "RS256",
    };
    internal static readonly CheckRule AtSignature = new(
        "s16.at.signature", "RFC 7515 §5.2, RFC 7517 §4.5", "signature verifies with the JWKS key its kid names")
    {
        Expected = "kid among the broker's JWKS keys, signature valid",
    };
    internal static readonly CheckRule AtIss = new("s16.at.iss", "RFC 9068 §4, OIDC Core §2", "iss is the broker's issuer")
    {
        Expected = "the broker's realm URL",
    };
    internal static readonly CheckRule AtExp = new("s16.at.exp", "RFC 7519 §4.1.4", "exp is in the future") { Expected = "exp > iat" };
    internal static readonly CheckRule AtLifetime = new("s16.at.lifetime", "RFC 6749 §5.1", "exp − iat = expires_in (±2 s)")
    {
        Expected = "expires_in",
    };
    internal static readonly CheckRule AtSub = new("s16.at.sub", "RFC 9068 §2.2", "sub present") { Expected = "sub" };
    internal static readonly CheckRule AtAzp = new("s16.at.azp", "OIDC Core §2", "azp is the client") { Expected = "step 2's client" };
    internal static readonly CheckRule AtAud = new(
        "s16.at.aud", "RFC 9068 §3, Pbench server [openid] client as audience", "aud contains {audience}")
    {
        Expected = "the audience the target checks (settings: audience)",
    };
    internal static readonly CheckRule AtTyp = new("s16.at.typ", "Keycloak access token", "typ is Bearer") { Expected = "Bearer" };
    internal static readonly CheckRule AtPreferredUsername = new(
        "s16.at.preferred-username", "Pbench server: identity from the token", "preferred_username present")
    {
        Expected = "preferred_username",
    };
    internal static readonly CheckRule IdValid = new("s16.id.valid", "OIDC Core §3.1.3.7", "id_token is valid")
    {
        SkipWhen = "there is no id_token, or it is not a JWS (see s16.id-token)",
    };
    internal static readonly CheckRule IdSignature = new("s16.id.signature", "OIDC Core §3.1.3.7 (6)", "id_token signature verifies")
    {
        Expected = "RS256 with a JWKS key",
    };
    internal static readonly CheckRule IdIss = new("s16.id.iss", "OIDC Core §3.1.3.7 (2)", "id_token iss is the broker's issuer")
    {
        Expected = "the broker's realm URL",
    };
    internal static readonly CheckRule IdAud = new("s16.id.aud", "OIDC Core §3.1.3.7 (3)", "id_token aud is the client")
    {
        Expected = "step 2's client",
    };
    internal static readonly CheckRule IdNonce = new("s16.id.nonce", "OIDC Core §3.1.3.7 (11)", "id_token nonce is step 3's")
    {
        Expected = "step 3's nonce",
        SkipWhen = "step 3 sent no nonce (see step 3)",
    };
    internal static readonly CheckRule IdSub = new("s16.id.sub", "OIDC Core §5.3.2", "id_token sub is the access token's")
    {
        Expected = "the access token's sub",
    };
    internal static readonly CheckRule SessionStateSid = new(
        "s16.session-state-sid", "Keycloak token response", "session_state equals the token's sid")
    {
        Expected = "the token response's session_state",
        SkipWhen = "no session_state in the response (see s16.session-state)",
    };

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
            return [AtJws.Judge(false, why)];
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
        yield return AtJws.Judge(true, "decoded");
        yield return AtAlg.Judge(at.Alg == "RS256", at.Alg ?? "missing");
        yield return AtSignature.Judge(verified, why, expected: $"kid in {broker.Jwks.Kids.Count()} JWKS key(s)")
            .WithFix("publish the realm's active signing key in its JWKS (certs endpoint) and sign with a key whose kid is there");
        yield return AtIss.Judge(at.Claim("iss") == broker.RealmUrl, at.Claim("iss") ?? "missing", expected: broker.RealmUrl)
            .WithFix($"set the realm's frontend URL so its issuer is {broker.RealmUrl}");
        yield return AtExp.Judge(exp is not null && iat is not null && exp > iat,
            $"exp {Step16TokenResponse.Seconds(exp)}, iat {Step16TokenResponse.Seconds(iat)}");
        yield return AtLifetime.Judge(lifetime is not null && expiresIn is not null && Math.Abs(lifetime.Value - expiresIn.Value) <= 2,
            $"exp − iat = {Step16TokenResponse.Seconds(lifetime)}",
            expected: $"expires_in {Step16TokenResponse.Seconds(expiresIn)}");
        yield return AtSub.Judge(!string.IsNullOrEmpty(at.Claim("sub")), at.Claim("sub") ?? "missing");
        yield return AtAzp.Judge(config?.ClientId is null ? at.Claim("azp") is not null : at.Claim("azp") == config.ClientId,
            at.Claim("azp") ?? "missing",
            expected: config?.ClientId ?? "the client");
        yield return AtAud.Judge(at.Audiences.Contains(context.Audience),
            at.Audiences.Count == 0 ? "no aud" : string.Join(", ", at.Audiences),
            expected: context.Audience,
            title: $"aud contains {context.Audience}")
            .WithFix($"add an audience mapper for '{context.Audience}' to a client scope of client '{config?.ClientId ?? "pbench-client"}' (Keycloak: Client scopes → Add mapper → Audience)");
        yield return AtTyp.Judge(at.Claim("typ") == "Bearer", at.Claim("typ") ?? "missing");
        yield return AtPreferredUsername.Judge(!string.IsNullOrEmpty(at.Claim("preferred_username")), at.Claim("preferred_username") ?? "missing");
        yield return Step16Principal.Evaluate(at, context);
    }

    // OIDC Core §3.1.3.7: the id_token's iss, aud, nonce, and its subject is the access token's.
    private static IEnumerable<Check> Id(TokenSet tokens, DecodedJwt at, WalkContext context, ClientConfig? config, string? nonce)
    {
        if (tokens.Id is not { } id)
        {
            yield return IdValid.Skip(tokens.IdToken is null ? "no id_token (see s16.id-token)" : "id_token is not a JWS");
            yield break;
        }

        var client = config?.ClientId ?? at.Claim("azp");
        yield return IdSignature.Judge(context.Broker.Jwks.VerifiesRs256(id, out var why), why);
        yield return IdIss.Judge(id.Claim("iss") == context.Broker.RealmUrl, id.Claim("iss") ?? "missing", expected: context.Broker.RealmUrl);
        yield return IdAud.Judge(client is not null && id.Audiences.Contains(client),
            string.Join(", ", id.Audiences),
            expected: client ?? "the client");
        yield return nonce is null
            ? IdNonce.Skip()
            : IdNonce.Judge(id.Claim("nonce") == nonce, id.Claim("nonce") ?? "missing", expected: nonce);
        yield return IdSub.Judge(id.Claim("sub") is { } s && s == at.Claim("sub"), id.Claim("sub") ?? "missing", expected: at.Claim("sub") ?? "?");
    }

    private static Check SessionState(TokenSet tokens, DecodedJwt at)
    {
        var claim = at.Claim("sid") ?? at.Claim("session_state");
        return tokens.Text("session_state") is { } state
            ? SessionStateSid.Judge(claim == state, claim is null ? "no sid claim" : $"sid {claim}", expected: state)
            : SessionStateSid.Skip();
    }
}
