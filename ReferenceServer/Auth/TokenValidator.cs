using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PbenchAuthSpec.ReferenceServer.Auth;

/// <summary>
/// Validates a broker-issued access token the way a conforming Pbench server should: RS256 only,
/// a key from the broker's JWKS matched by <c>kid</c>, <c>exp</c> required, <c>nbf</c>, <c>iss</c>,
/// <c>aud</c> containing the audience, no clock leeway; then reads the identity from the claims.
/// The defects switch single rules off (accept-no-exp: as Pbench, <c>exp</c> is checked when present).
/// </summary>
internal sealed class TokenValidator(BrokerKeys keys, ReferenceServerOptions options, DefectSet defects)
{
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    public async Task<TokenCheck> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        JsonWebToken jwt;
        try
        {
            jwt = Handler.ReadJsonWebToken(token);
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenException)
        {
            return TokenCheck.Invalid("the bearer token is neither a Pbench API key nor a well-formed JWT");
        }

        if (keys.Issuer is not { } issuer)
        {
            return TokenCheck.Unavailable("no identity broker is configured: start the server with --broker-url");
        }

        var parameters = Parameters(issuer);
        if (await ConfigureSignatureAsync(jwt, parameters, cancellationToken) is { } refused)
        {
            return refused;
        }

        var result = await Handler.ValidateTokenAsync(jwt, parameters);
        return result.IsValid
            ? new TokenClaims(jwt, options, defects).Identity()
            : TokenCheck.Invalid(TokenRefusal.Describe(result.Exception, issuer, options.Audience));
    }

    private TokenValidationParameters Parameters(string issuer) => new()
    {
        ValidIssuer = issuer,
        ValidateIssuer = !defects.Has(DefectNames.IgnoreIss),
        ValidAudience = options.Audience,
        ValidateAudience = !defects.Has(DefectNames.IgnoreAud),
        ValidateLifetime = true,
        RequireExpirationTime = !defects.Has(DefectNames.AcceptNoExp),
        LifetimeValidator = Lifetime,
        ClockSkew = TimeSpan.Zero,
        RequireSignedTokens = true,
        ValidateIssuerSigningKey = false,
        TryAllIssuerSigningKeys = true,
    };

    // With the injected clock and no leeway. Defect accept-expired: exp must be present but is not compared.
    private bool Lifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = options.Clock.GetUtcNow().UtcDateTime;
        // RFC 9068 §2.2: exp is REQUIRED in an access token (the defect: absent is accepted).
        if (expires is null && !defects.Has(DefectNames.AcceptNoExp))
        {
            throw new SecurityTokenNoExpirationException("the token has no exp claim");
        }

        // RFC 7519 §4.1.5: MUST NOT be accepted before nbf.
        if (notBefore is { } starts && now < starts)
        {
            throw new SecurityTokenNotYetValidException("nbf is in the future") { NotBefore = starts };
        }

        // RFC 7519 §4.1.4: MUST NOT be accepted on or after exp.
        if (expires is { } ends && now >= ends && !defects.Has(DefectNames.AcceptExpired))
        {
            throw new SecurityTokenExpiredException("exp has passed") { Expires = ends };
        }

        return true;
    }

    /// <summary>Chooses the algorithm and keys the token may be checked with; a refusal when none fits.</summary>
    private async Task<TokenCheck?> ConfigureSignatureAsync(JsonWebToken jwt, TokenValidationParameters parameters, CancellationToken cancellationToken)
    {
        if (defects.Has(DefectNames.SkipSignature) || (jwt.Alg == "none" && defects.Has(DefectNames.AcceptAlgNone)))
        {
            // The defects: the signature is decoded and never checked.
            parameters.SignatureValidator = (token, _) => Handler.ReadJsonWebToken(token);
            return null;
        }

        if (jwt.Alg == SecurityAlgorithms.HmacSha256 && defects.Has(DefectNames.AcceptHs256PublicKey))
        {
            return await ConfigureHmacConfusionAsync(parameters, cancellationToken);
        }

        // RFC 8725 §3.1: accept exactly the algorithm the broker signs with, never the token's choice.
        if (jwt.Alg != SecurityAlgorithms.RsaSha256)
        {
            return TokenCheck.Invalid($"alg '{Shorten(jwt.Alg)}' is not accepted: tokens must be signed with RS256");
        }

        var lookup = await keys.FindAsync(string.IsNullOrEmpty(jwt.Kid) ? null : jwt.Kid, cancellationToken);
        if (lookup.Problem is { } problem)
        {
            return lookup.BrokerUnavailable ? TokenCheck.Unavailable(problem) : TokenCheck.Invalid(problem);
        }

        parameters.ValidAlgorithms = [SecurityAlgorithms.RsaSha256];
        parameters.IssuerSigningKeys = lookup.Keys;
        return null;
    }

    // Defect accept-hs256-public-key: HS256 verified with the broker's *public* key as the HMAC
    // secret, in each form a server might hold it (realm public_key text, DER, PEM).
    private async Task<TokenCheck?> ConfigureHmacConfusionAsync(TokenValidationParameters parameters, CancellationToken cancellationToken)
    {
        var lookup = await keys.AllAsync(cancellationToken);
        if (lookup.Problem is { } problem)
        {
            return lookup.BrokerUnavailable ? TokenCheck.Unavailable(problem) : TokenCheck.Invalid(problem);
        }

        parameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
        parameters.IssuerSigningKeys = [.. lookup.Keys.SelectMany(PublicKeyForms.Secrets).Select(secret => new SymmetricSecurityKey(secret))];
        return null;
    }

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";
}
