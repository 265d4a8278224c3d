using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PbenchAuthSpec.MockBroker.Fixtures;

namespace PbenchAuthSpec.MockBroker.Hosting;

/// <summary>
/// The back-channel half of brokering: the code exchange at the IdP's token endpoint and the
/// checks on the id_token it returns (OIDC Core §3.1.3.7).
/// </summary>
internal sealed class UpstreamExchange(UpstreamDirectory directory, TimeProvider clock)
{
    private static readonly JsonWebTokenHandler Handler = new();

    /// <summary>RFC 6749 §4.1.3 with client authentication per RFC 6749 §2.3.1.</summary>
    public async Task<string> ExchangeCodeAsync(IdentityProviderFixture idp, UpstreamMetadata metadata, string code, string redirectUri, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirectUri };
        var request = new HttpRequestMessage(HttpMethod.Post, metadata.TokenEndpoint);
        if (idp.ClientAuthMethod == "client_secret_post")
        {
            form["client_id"] = idp.ClientId;
            form["client_secret"] = idp.ClientSecret;
        }
        else
        {
            // RFC 6749 §2.3.1: id and secret are form-urlencoded before Basic encoding.
            var credentials = $"{Uri.EscapeDataString(idp.ClientId)}:{Uri.EscapeDataString(idp.ClientSecret)}";
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }

        request.Content = new FormUrlEncodedContent(form);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await directory.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new UpstreamException($"the IdP's token endpoint answered {(int)response.StatusCode}: {Excerpt(body)}");
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("id_token", out var idToken) && idToken.ValueKind == JsonValueKind.String
                ? idToken.GetString()!
                : throw new UpstreamException("the IdP's token response has no id_token");
        }
        catch (JsonException e)
        {
            throw new UpstreamException($"the IdP's token response is not JSON: {Excerpt(body)}", e);
        }
    }

    /// <summary>OIDC Core §3.1.3.7: signature from the IdP's JWKS, iss, aud (and azp), exp, iat and nonce.</summary>
    public async Task<JsonWebToken> ValidateIdTokenAsync(IdentityProviderFixture idp, UpstreamMetadata metadata, string idToken, string nonce, CancellationToken cancellationToken)
    {
        var result = await ValidateSignatureAsync(idp, metadata, idToken, refresh: false, cancellationToken);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // The IdP may have rotated its key since the JWKS was cached: fetch it once more.
            result = await ValidateSignatureAsync(idp, metadata, idToken, refresh: true, cancellationToken);
        }

        if (!result.IsValid || result.SecurityToken is not JsonWebToken token)
        {
            throw new UpstreamException($"the IdP's id_token is invalid: {result.Exception?.Message ?? "unreadable"}");
        }

        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var exp = Claim(token, "exp");
        if (exp is null || exp <= now)
        {
            throw new UpstreamException("the IdP's id_token is expired (exp)");
        }

        if (Claim(token, "iat") is not { } iat || iat > now + 60)
        {
            throw new UpstreamException("the IdP's id_token has no iat, or one in the future");
        }

        // OIDC Core §3.1.3.7 (7): with several audiences, azp must be this client.
        if (token.Audiences.Count() > 1 && (!token.TryGetPayloadValue<string>("azp", out var azp) || azp != idp.ClientId))
        {
            throw new UpstreamException("the IdP's id_token has several audiences and its azp is not the broker's client");
        }

        if (!token.TryGetPayloadValue<string>("nonce", out var echoed) || echoed != nonce)
        {
            throw new UpstreamException("the IdP's id_token nonce does not match the one the broker sent");
        }

        return string.IsNullOrEmpty(token.Subject) ? throw new UpstreamException("the IdP's id_token has no sub") : token;
    }

    private async Task<TokenValidationResult> ValidateSignatureAsync(IdentityProviderFixture idp, UpstreamMetadata metadata, string idToken, bool refresh, CancellationToken cancellationToken)
    {
        var keys = await directory.KeysAsync(metadata, refresh, cancellationToken);
        return await Handler.ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = metadata.Issuer,
            ValidAudience = idp.ClientId,
            IssuerSigningKeys = keys.GetSigningKeys(),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            // exp and iat are checked against the injected clock above.
            ValidateLifetime = false,
            RequireExpirationTime = false,
            TryAllIssuerSigningKeys = false,
        });
    }

    private static long? Claim(JsonWebToken token, string name) =>
        token.TryGetPayloadValue<long>(name, out var value) ? value : null;

    private static string Excerpt(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
