using System.Text.Json;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockIdp;

/// <summary>Mints the RS256 access and ID tokens of a token response.</summary>
internal sealed class TokenFactory(IdpRuntime runtime)
{
    // RFC 6749 §5.1 and OIDC Core §3.1.3.3: access_token, token_type Bearer, expires_in, id_token.
    public TokenResponse ForCode(CodeGrant grant, DateTimeOffset now)
    {
        var request = grant.Request;
        var user = grant.User;
        var (accessToken, jti, expires) = AccessToken(user.Sub, request.Client.ClientId, request.Scope, user.Username, grant.AuthTime, now);
        grant.RecordIssued(jti, expires);
        return new TokenResponse
        {
            AccessToken = accessToken,
            ExpiresIn = (int)runtime.Configuration.AccessTokenLifetime.TotalSeconds,
            IdToken = IdToken(grant, accessToken, now),
            Scope = request.Scope,
        };
    }

    // RFC 6749 §4.4.3: a client acting for itself gets an access token only; its subject is the client.
    public TokenResponse ForClient(RegisteredClient client, string? scope, DateTimeOffset now) => new()
    {
        AccessToken = AccessToken(client.ClientId, client.ClientId, scope ?? "", username: null, authTime: null, now).Token,
        ExpiresIn = (int)runtime.Configuration.AccessTokenLifetime.TotalSeconds,
        Scope = scope,
    };

    // RFC 9068 §2.2: iss, exp, aud, sub, client_id, iat, jti (and scope).
    private (string Token, string Jti, DateTimeOffset Expires) AccessToken(string subject, string clientId, string scope, string? username, DateTimeOffset? authTime, DateTimeOffset now)
    {
        var jti = IdpCookies.NewId(16);
        var expires = now + runtime.Configuration.AccessTokenLifetime;
        var payload = new AccessTokenPayload
        {
            Issuer = runtime.Issuer,
            Subject = subject,
            Audience = clientId,
            ClientId = clientId,
            Expires = expires.ToUnixTimeSeconds(),
            IssuedAt = now.ToUnixTimeSeconds(),
            Id = jti,
            Scope = scope,
            AuthTime = authTime?.ToUnixTimeSeconds(),
            PreferredUsername = username,
        };
        var token = runtime.AccessTokenSigner.Sign(JsonSerializer.SerializeToUtf8Bytes(payload, MockIdpJson.Relaxed.AccessTokenPayload));
        return (token, jti, expires);
    }

    // OIDC Core §2 and §3.1.3.6: iss, sub, aud (= client), exp, iat, auth_time, nonce as sent, at_hash; §5.1 profile and email claims.
    private string IdToken(CodeGrant grant, string accessToken, DateTimeOffset now)
    {
        var user = grant.User;
        var clientId = grant.Request.Client.ClientId;
        var payload = new IdTokenPayload
        {
            Issuer = runtime.Issuer,
            Subject = user.Sub,
            Audience = clientId,
            AuthorizedParty = clientId,
            Expires = (now + runtime.Configuration.IdTokenLifetime).ToUnixTimeSeconds(),
            IssuedAt = now.ToUnixTimeSeconds(),
            AuthTime = grant.AuthTime.ToUnixTimeSeconds(),
            Nonce = grant.Request.Nonce,
            AccessTokenHash = TokenSigner.AccessTokenHash(accessToken),
            Email = user.Email,
            EmailVerified = user.Email is null ? null : true,
            Name = user.Name,
            PreferredUsername = user.Username,
            GivenName = user.GivenName,
            FamilyName = user.FamilyName,
        };
        return runtime.IdTokenSigner.Sign(JsonSerializer.SerializeToUtf8Bytes(payload, MockIdpJson.Relaxed.IdTokenPayload));
    }
}
