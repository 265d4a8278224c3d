using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Hosting;

/// <summary>
/// The back-channel half of brokering, after Keycloak's <c>AbstractOAuth2IdentityProvider</c> and
/// <c>OIDCIdentityProvider</c>: the code exchange at the IdP's token endpoint (with the configured
/// client authentication and the PKCE verifier), the checks on the id_token it returns (OIDC Core
/// §3.1.3.7), and the userinfo request (OIDC Core §5.3) unless "Disable user info" is set.
/// </summary>
internal sealed class UpstreamExchange(UpstreamDirectory directory, UpstreamSignatures signatures, TimeProvider clock)
{
    /// <summary>RFC 6749 §4.1.3, client authentication per RFC 6749 §2.3.1 or RFC 7523 §2.2, RFC 7636 §4.5.</summary>
    public async Task<UpstreamTokens> ExchangeCodeAsync(OidcProviderSettings idp, UpstreamMetadata metadata, UpstreamCall call, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = call.Code, ["redirect_uri"] = call.RedirectUri };
        if (call.CodeVerifier is { } verifier)
        {
            form["code_verifier"] = verifier;
        }

        var request = new HttpRequestMessage(HttpMethod.Post, metadata.TokenEndpoint);
        Authenticate(idp, metadata, call.Realm, request, form);
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
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new UpstreamException($"the IdP's token response is not a JSON object: {Excerpt(body)}");
            }

            // Keycloak (checkAccessTokenAvailability): "No access_token from server".
            var accessToken = Text(root, "access_token") ?? throw new UpstreamException("the IdP's token response has no access_token");
            return new UpstreamTokens(accessToken, Text(root, "id_token") ?? throw new UpstreamException("the IdP's token response has no id_token"));
        }
        catch (JsonException e)
        {
            throw new UpstreamException($"the IdP's token response is not JSON: {Excerpt(body)}", e);
        }
    }

    /// <summary>OIDC Core §3.1.3.7: signature, iss, aud (and azp), exp, iat and nonce.</summary>
    public async Task<JsonWebToken> ValidateIdTokenAsync(OidcProviderSettings idp, UpstreamMetadata metadata, string idToken, string? nonce, bool rs256Only, CancellationToken cancellationToken)
    {
        var token = await signatures.VerifyAsync("id_token", idToken, idp, metadata, rs256Only, cancellationToken);
        if (metadata.Issuer is { } issuer && token.Issuer != issuer)
        {
            throw new UpstreamException($"the IdP's id_token is invalid: iss '{token.Issuer}' is not the IdP's issuer '{issuer}'");
        }

        if (!token.Audiences.Contains(idp.ClientId))
        {
            throw new UpstreamException($"the IdP's id_token is invalid: aud '{string.Join(", ", token.Audiences)}' does not contain the broker's client '{idp.ClientId}'");
        }

        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        if (Claim(token, "exp") is not { } exp || exp <= now)
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

        if (nonce is not null && (!token.TryGetPayloadValue<string>("nonce", out var echoed) || echoed != nonce))
        {
            throw new UpstreamException("the IdP's id_token nonce does not match the one the broker sent");
        }

        return string.IsNullOrEmpty(token.Subject) ? throw new UpstreamException("the IdP's id_token has no sub") : token;
    }

    /// <summary>
    /// OIDC Core §5.3: the userinfo claims (JSON, or a JWT signed by the IdP); null when the IdP has
    /// no userinfo endpoint. OIDCIdentityProvider.extractIdentity asks it unless disabled.
    /// </summary>
    public async Task<JsonElement?> UserInfoAsync(OidcProviderSettings idp, UpstreamMetadata metadata, string accessToken, bool rs256Only, CancellationToken cancellationToken)
    {
        if (metadata.UserinfoEndpoint is not { } url)
        {
            return null;
        }

        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await directory.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new UpstreamException($"the IdP's userinfo endpoint answered {(int)response.StatusCode}: {Excerpt(body)}");
        }

        var type = response.Content.Headers.ContentType?.MediaType ?? "";
        if (type == "application/jwt")
        {
            var jwt = await signatures.VerifyAsync("userinfo response", body.Trim(), idp, metadata, rs256Only, cancellationToken);
            body = Encoding.UTF8.GetString(CompactJwt.PayloadBytes(jwt));
        }
        else if (type != "application/json")
        {
            // Keycloak: "Unsupported content-type [...] in response from [userinfo]".
            throw new UpstreamException($"the IdP's userinfo endpoint answered Content-Type '{type}', neither application/json nor application/jwt");
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                ? json.RootElement.Clone()
                : throw new UpstreamException("the IdP's userinfo response is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new UpstreamException($"the IdP's userinfo response is not JSON: {Excerpt(body)}", e);
        }
    }

    private void Authenticate(OidcProviderSettings idp, UpstreamMetadata metadata, Realm realm, HttpRequestMessage request, Dictionary<string, string> form)
    {
        switch (idp.ClientAuthMethod)
        {
            case OidcProviderSettings.SecretBasic:
                // RFC 6749 §2.3.1: id and secret are form-urlencoded before Basic encoding.
                request.Headers.Authorization = new AuthenticationHeaderValue(BasicCredentials.Scheme, BasicCredentials.Encode(idp.ClientId, idp.ClientSecret));
                break;
            case OidcProviderSettings.PrivateKeyJwt:
                // RFC 7523 §2.2 / OIDC Core §9: the broker's own signed assertion; the IdP reads the realm's JWKS.
                form["client_id"] = idp.ClientId;
                form["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
                form["client_assertion"] = ClientAssertion(idp, metadata, realm);
                break;
            default:
                form["client_id"] = idp.ClientId;
                form["client_secret"] = idp.ClientSecret;
                break;
        }
    }

    // Keycloak's JWTClientAuthenticator side: iss = sub = client id, aud = the token endpoint (or the configured audience), short-lived, unique jti.
    private string ClientAssertion(OidcProviderSettings idp, UpstreamMetadata metadata, Realm realm)
    {
        if (idp.ClientAssertionSigningAlg != "RS256")
        {
            throw new UpstreamException($"config.clientAssertionSigningAlg '{idp.ClientAssertionSigningAlg}': the realm's key signs RS256 only");
        }

        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("iss", idp.ClientId);
            writer.WriteString("sub", idp.ClientId);
            writer.WriteString("aud", idp.ClientAssertionAudience ?? metadata.TokenEndpoint);
            writer.WriteString("jti", Guid.NewGuid().ToString());
            writer.WriteNumber("iat", now);
            writer.WriteNumber("exp", now + 60);
            writer.WriteEndObject();
        }

        return realm.Keys.Active.Sign(buffer.ToArray());
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static long? Claim(JsonWebToken token, string name) =>
        token.TryGetPayloadValue<long>(name, out var value) ? value : null;

    private static string Excerpt(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
