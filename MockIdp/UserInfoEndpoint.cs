using System.Text.Json;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockIdp;

/// <summary>The UserInfo endpoint (OIDC Core §5.3), protected by MockIdp's access tokens (RFC 6750).</summary>
internal sealed class UserInfoEndpoint(IdpRuntime runtime)
{
    private const string Realm = "Bearer realm=\"MockIdp\"";

    public async Task HandleAsync(HttpContext context)
    {
        // OIDC Core §5.3.1: GET and POST.
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsPost(context.Request.Method))
        {
            await IdpResponses.MethodNotAllowedAsync(context, "GET, POST");
            return;
        }

        var result = await ReadTokenAsync(context.Request) switch
        {
            (_, { } failure) => failure,
            (null, _) => OAuthError.Result("invalid_token", "no access token: send Authorization: Bearer <access_token>.", StatusCodes.Status401Unauthorized, Realm),
            var (token, _) => await AnswerAsync(token),
        };
        await result.ExecuteAsync(context);
    }

    // RFC 6750 §2.1 (header) and §2.2 (form body); §2: a client MUST NOT use more than one method.
    private static async Task<(string? Token, IResult? Failure)> ReadTokenAsync(HttpRequest request)
    {
        var header = request.Headers.Authorization;
        if (header.Count > 1)
        {
            return (null, OAuthError.InvalidRequest("more than one Authorization header."));
        }

        string? fromHeader = null;
        if (header.Count == 1 && header[0] is { } value && value.StartsWith("Bearer", StringComparison.OrdinalIgnoreCase)
            && (value.Length == 6 || value[6] == ' '))
        {
            fromHeader = value[6..].Trim();
        }

        string? fromBody = null;
        if (HttpMethods.IsPost(request.Method) && request.HasFormContentType)
        {
            var parse = await ProtocolParameters.FromFormAsync(request);
            if (parse.Parameters is not { } form)
            {
                return (null, OAuthError.InvalidRequest($"malformed userinfo request: {parse.Error}."));
            }

            fromBody = form["access_token"];
        }

        return fromHeader is not null && fromBody is not null
            ? (null, OAuthError.InvalidRequest("the access token was sent twice (header and body); use one method (RFC 6750 §2)."))
            : (fromHeader ?? fromBody, null);
    }

    // RFC 6750 §3.1: invalid_token (401) for a token that is not valid; insufficient_scope (403) without openid.
    private async Task<IResult> AnswerAsync(string token)
    {
        if (await ValidateAsync(token) is not { } claims)
        {
            return InvalidToken("the access token is not one MockIdp issued, or it was altered.");
        }

        var now = runtime.Now;
        if (claims.Expires <= now.ToUnixTimeSeconds())
        {
            return InvalidToken("the access token has expired.");
        }

        if (runtime.RevokedTokens.Get(claims.Id, now) is not null)
        {
            return InvalidToken("the access token was revoked (its authorization code was used twice).");
        }

        if (!claims.Scope.Split(' ').Contains("openid", StringComparer.Ordinal)
            || claims.PreferredUsername is not { } username || !runtime.Configuration.Users.TryGetValue(username, out var user))
        {
            return OAuthError.Result("insufficient_scope", "userinfo needs a user's access token with scope openid.", StatusCodes.Status403Forbidden,
                $"{Realm}, error=\"insufficient_scope\", scope=\"openid\"");
        }

        return new NoStoreJsonResult<UserInfoResponse>(ClaimsOf(user), MockIdpJson.Relaxed.UserInfoResponse);
    }

    private async Task<AccessTokenPayload?> ValidateAsync(string token)
    {
        // RFC 9068 §4: one of this server's own access tokens (typ at+jwt, its kid), signature verified.
        if (CompactJwt.Read(token) is not { } jwt || !await runtime.AccessTokenSigner.VerifiesAsync(jwt))
        {
            return null;
        }

        var payload = CompactJwt.PayloadBytes(jwt);

        try
        {
            var claims = JsonSerializer.Deserialize(payload, MockIdpJson.Relaxed.AccessTokenPayload);
            return claims is not null && string.Equals(claims.Issuer, runtime.Issuer, StringComparison.Ordinal) ? claims : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // OIDC Core §5.3.2: sub is always returned, with the standard claims MockIdp knows.
    private static UserInfoResponse ClaimsOf(IdpUser user) => new()
    {
        Subject = user.Sub,
        Name = user.Name,
        GivenName = user.GivenName,
        FamilyName = user.FamilyName,
        PreferredUsername = user.Username,
        Email = user.Email,
        EmailVerified = user.Email is null ? null : true,
    };

    private static IResult InvalidToken(string description) =>
        OAuthError.Result("invalid_token", description, StatusCodes.Status401Unauthorized,
            $"{Realm}, error=\"invalid_token\", error_description=\"{description}\"");
}
