using Microsoft.IdentityModel.Tokens;

namespace PbenchAuthSpec.ReferenceServer.Auth;

/// <summary>Turns a validation failure into the one-line reason sent in <c>error_description</c>.</summary>
internal static class TokenRefusal
{
    public static string Describe(Exception? failure, string issuer, string audience) => failure switch
    {
        // RFC 7519 §4.1.4: the token MUST NOT be accepted on or after exp.
        SecurityTokenExpiredException e => $"the token expired at {e.Expires:yyyy-MM-ddTHH:mm:ssZ}",
        SecurityTokenNoExpirationException => "the token has no exp claim",
        // RFC 7519 §4.1.5: the token MUST NOT be accepted before nbf.
        SecurityTokenNotYetValidException e => $"the token is not valid before {e.NotBefore:yyyy-MM-ddTHH:mm:ssZ} (nbf)",
        SecurityTokenInvalidLifetimeException => "the token's exp or nbf is not acceptable",
        // OIDC Core §3.1.3.7 / RFC 7519 §4.1.1: iss must be the broker realm the server trusts.
        SecurityTokenInvalidIssuerException => $"the token's iss is not the broker realm {issuer}",
        // RFC 7519 §4.1.3: the token is for another audience.
        SecurityTokenInvalidAudienceException => $"the token's aud does not contain '{audience}'",
        SecurityTokenSignatureKeyNotFoundException => "the token's signature does not verify with the broker's keys",
        SecurityTokenInvalidSignatureException => "the token's signature does not verify with the broker's keys",
        SecurityTokenInvalidAlgorithmException => "the token's alg is not accepted",
        SecurityTokenMalformedException => "the token is not a well-formed JWT",
        null => "the token was refused",
        _ => $"the token was refused ({failure.GetType().Name})",
    };
}
