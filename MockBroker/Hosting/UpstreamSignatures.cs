using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PbenchAuthSpec.MockBroker.Hosting;

/// <summary>
/// Verifies a JWS from the IdP (its id_token, or a signed userinfo answer) as Keycloak's OIDC
/// identity provider does with "Validate signatures": the key is the one the header's <c>kid</c>
/// names in the IdP's JWKS (fetched again once for an unknown kid: the IdP may have rotated), or
/// the configured public key; the algorithm is any asymmetric one that key allows (RFC 7518 §3.1:
/// RS*, PS*, ES*), never <c>none</c> or an HMAC. Failures are described in plain words.
/// The validation parameters are built once per key (the JWKS keys are cached by
/// <see cref="UpstreamDirectory"/>, the configured key by its text), not per token.
/// </summary>
internal sealed class UpstreamSignatures(UpstreamDirectory directory)
{
    public static readonly IReadOnlyList<string> Asymmetric =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    private static readonly JsonWebTokenHandler Handler = new();

    private static readonly IReadOnlyList<string> Rs256Only = [SecurityAlgorithms.RsaSha256];

    // Keyed by the key object: parameters live as long as the cached JWKS or settings that hold the key.
    private static readonly ConditionalWeakTable<SecurityKey, TokenValidationParameters> AsymmetricParameters = [];
    private static readonly ConditionalWeakTable<SecurityKey, TokenValidationParameters> Rs256OnlyParameters = [];
    private static readonly ConditionalWeakTable<string, SecurityKey> ConfiguredKeys = [];

    /// <summary>The token, or an <see cref="UpstreamException"/> saying what is wrong with its signature.</summary>
    /// <param name="rs256Only">The <c>rs256-only</c> fault: a broker that knows one algorithm.</param>
    public async Task<JsonWebToken> VerifyAsync(string what, string jws, OidcProviderSettings idp, UpstreamMetadata metadata, bool rs256Only, CancellationToken cancellationToken)
    {
        var token = Read(what, jws);
        if (!idp.ValidateSignature)
        {
            // Keycloak: with "Validate signatures" off the token is taken from the back channel as it is.
            return token;
        }

        var algorithms = rs256Only ? Rs256Only : Asymmetric;
        if (!algorithms.Contains(token.Alg))
        {
            throw new UpstreamException($"the IdP's {what} is invalid: alg '{token.Alg}' is not one the broker accepts ({string.Join(", ", algorithms)})");
        }

        var keys = await KeysAsync(idp, metadata, refresh: false, cancellationToken);
        if (idp.UseJwksUrl && token.Kid is { Length: > 0 } kid && !keys.Any(k => k.KeyId == kid))
        {
            keys = await KeysAsync(idp, metadata, refresh: true, cancellationToken);
        }

        var candidates = idp.UseJwksUrl && token.Kid is { Length: > 0 } named ? keys.Where(k => k.KeyId == named).ToList() : keys;
        if (candidates.Count == 0)
        {
            throw new UpstreamException($"the IdP's {what} is invalid: kid '{token.Kid}' is not in the IdP's JWKS (kids: {string.Join(", ", keys.Select(k => k.KeyId))})");
        }

        var parameters = rs256Only ? Rs256OnlyParameters : AsymmetricParameters;
        foreach (var key in candidates)
        {
            if ((await Handler.ValidateTokenAsync(token, parameters.GetValue(key, k => Parameters(k, algorithms)))).IsValid)
            {
                return token;
            }
        }

        throw new UpstreamException($"the IdP's {what} is invalid: its {token.Alg} signature does not verify with the IdP's key{(token.Kid is null ? "" : $" '{token.Kid}'")}");
    }

    private static TokenValidationParameters Parameters(SecurityKey key, IReadOnlyList<string> algorithms) => new()
    {
        IssuerSigningKey = key,
        ValidAlgorithms = algorithms,
        // The caller chose this key by kid, or has no kid to go by: the key's own KeyId is no filter.
        TryAllIssuerSigningKeys = true,
        // iss, aud, exp and iat are checked by the caller against the configuration and the injected clock.
        ValidateIssuer = false,
        ValidateAudience = false,
        ValidateLifetime = false,
        RequireExpirationTime = false,
    };

    public static JsonWebToken Read(string what, string jws)
    {
        try
        {
            return Handler.ReadJsonWebToken(jws);
        }
        catch (ArgumentException e)
        {
            throw new UpstreamException($"the IdP's {what} is invalid: not a compact JWS", e);
        }
    }

    private async Task<IReadOnlyList<SecurityKey>> KeysAsync(OidcProviderSettings idp, UpstreamMetadata metadata, bool refresh, CancellationToken cancellationToken)
    {
        if (!idp.UseJwksUrl)
        {
            return [ConfiguredKeys.GetValue(idp.PublicKeySignatureVerifier!, ConfiguredKey)];
        }

        if (metadata.JwksUri is null)
        {
            throw new UpstreamException("the IdP has no JWKS (no jwksUrl and none in its discovery): set config.jwksUrl, or useJwksUrl false with a publicKeySignatureVerifier");
        }

        var set = await directory.KeysAsync(metadata.JwksUri, refresh, cancellationToken);
        // RFC 7517 §4.2: keys for encryption are not for verifying signatures.
        return set.Keys.Where(k => k.Use is null or "" or "sig").Select(k => (SecurityKey)k).ToList();
    }

    // Keycloak's "Validating public key": PEM or base64 DER SubjectPublicKeyInfo, RSA or EC.
    private static SecurityKey ConfiguredKey(string text)
    {
        var base64 = string.Concat(text.Split('\n').Select(l => l.Trim()).Where(l => !l.StartsWith("-----", StringComparison.Ordinal)));
        byte[] der;
        try
        {
            der = Convert.FromBase64String(base64);
        }
        catch (FormatException e)
        {
            throw new UpstreamException("config.publicKeySignatureVerifier is not a PEM or base64 public key", e);
        }

        try
        {
            var rsa = RSA.Create();
            rsa.ImportSubjectPublicKeyInfo(der, out _);
            return new RsaSecurityKey(rsa);
        }
        catch (CryptographicException)
        {
            try
            {
                var ec = ECDsa.Create();
                ec.ImportSubjectPublicKeyInfo(der, out _);
                return new ECDsaSecurityKey(ec);
            }
            catch (CryptographicException e)
            {
                throw new UpstreamException("config.publicKeySignatureVerifier is neither an RSA nor an EC public key", e);
            }
        }
    }
}
