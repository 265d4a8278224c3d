using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PbenchAuthSpec.Protocol;

/// <summary>
/// Signs and verifies the stand-ins' own compact JWS (RFC 7515 §7.1) with one key, one algorithm
/// and one <c>typ</c>, through <see cref="JsonWebTokenHandler"/>. The header is the library's:
/// <c>{"alg":…,"kid":…,"typ":…}</c>. What a token costs is built once per signer: the signing
/// credentials (whose crypto provider factory caches the signature provider per key and
/// algorithm) and the validation parameters, so issuing a token is one JSON write and one
/// signature (bench/), and verifying one is the library's signature check and nothing else: the
/// claims (iss, exp, typ in the payload, revocation) are the callers' Keycloak-shaped rules, with
/// their own error bodies.
/// </summary>
public sealed class TokenSigner
{
    // RFC 7519 §4.1: exp and iat are the issuer's to set (from its clock); the handler adds none.
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    private readonly SigningCredentials _credentials;
    private readonly Dictionary<string, object> _header;
    private readonly TokenValidationParameters _validation;

    public TokenSigner(SecurityKey key, string algorithm, string typ)
    {
        ArgumentNullException.ThrowIfNull(key);
        _credentials = new SigningCredentials(key, algorithm) { CryptoProviderFactory = key.CryptoProviderFactory };
        _header = new Dictionary<string, object>(StringComparer.Ordinal) { [JwtHeaderParameterNames.Typ] = typ };
        _validation = new TokenValidationParameters
        {
            IssuerSigningKey = key,
            // RFC 8725 §3.1: only this signer's algorithm, never none or another family.
            ValidAlgorithms = [algorithm],
            ValidTypes = [typ],
            TryAllIssuerSigningKeys = false,
            // iss, aud, exp and iat are the callers' checks, against their own clock and realm.
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            RequireSignedTokens = true,
        };
        Algorithm = algorithm;
        Typ = typ;
    }

    public SecurityKey Key => _credentials.Key;

    public string Kid => _credentials.Key.KeyId;

    public string Algorithm { get; }

    public string Typ { get; }

    /// <summary>RS256 with an RSA key (RFC 7518 §3.3); <c>typ</c> JWT unless told otherwise.</summary>
    public static TokenSigner Rs256(SigningKey key, string typ = "JWT")
    {
        ArgumentNullException.ThrowIfNull(key);
        return new TokenSigner(key.SecurityKey, SecurityAlgorithms.RsaSha256, typ);
    }

    /// <summary>HS512 with a fresh random 512-bit secret that never leaves the process (RFC 7518 §3.2).</summary>
    public static TokenSigner Hs512(string kid) =>
        new(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(64)) { KeyId = kid }, SecurityAlgorithms.HmacSha512, "JWT");

    /// <summary>The compact JWS of a JSON object (UTF-8), signed.</summary>
    public string Sign(ReadOnlySpan<byte> payloadJson) => Handler.CreateToken(Encoding.UTF8.GetString(payloadJson), _credentials, _header);

    /// <summary>
    /// RFC 7515 §5.2: whether a token read by <see cref="CompactJwt.Read"/> is this signer's: its
    /// header names this signer's algorithm, <c>kid</c> and <c>typ</c>, and its signature verifies
    /// (<see cref="JsonWebTokenHandler.ValidateTokenAsync(SecurityToken, TokenValidationParameters)"/>).
    /// </summary>
    public async Task<bool> VerifiesAsync(JsonWebToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        // RFC 7515 §4.1.4: the kid must name this key; the library would try a kid-less key anyway.
        if (token.Kid != Kid)
        {
            return false;
        }

        var result = await Handler.ValidateTokenAsync(token, _validation).ConfigureAwait(false);
        return result.IsValid;
    }

    /// <summary>OIDC Core §3.1.3.6: at_hash, the base64url of the left half of SHA-256 of the access token (RS256).</summary>
    public static string AccessTokenHash(string accessToken)
    {
        ArgumentNullException.ThrowIfNull(accessToken);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.ASCII.GetBytes(accessToken), hash);
        return Base64UrlEncoder.Encode(hash[..16].ToArray());
    }
}
