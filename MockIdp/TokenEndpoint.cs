using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockIdp;

/// <summary>The token endpoint (RFC 6749 §3.2): authorization_code (with PKCE) and client_credentials.</summary>
internal sealed class TokenEndpoint(IdpRuntime runtime, TokenFactory tokens)
{
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;

        // RFC 6749 §3.2: the client MUST use HTTP POST.
        if (!HttpMethods.IsPost(request.Method))
        {
            await IdpResponses.MethodNotAllowedAsync(context, "POST");
            return;
        }

        var result = await AnswerAsync(request);
        await result.ExecuteAsync(context);
    }

    private async Task<IResult> AnswerAsync(HttpRequest request)
    {
        // RFC 6749 §3.2 / §2.3.1: parameters and credentials go in the body, never in the URL (logs keep URLs).
        if (request.QueryString.HasValue)
        {
            return OAuthError.InvalidRequest("the token endpoint takes its parameters in the form body, not in the query string.");
        }

        var parse = await ProtocolParameters.FromFormAsync(request);
        if (parse.Parameters is not { } form)
        {
            return OAuthError.InvalidRequest($"malformed token request: {parse.Error}.");
        }

        var (client, failure) = ClientAuthentication.Authenticate(request, form, runtime.Configuration);
        if (failure is not null)
        {
            return failure;
        }

        // RFC 6749 §4.1.3 / §4.4.2 / §5.2: grant_type is required; others are unsupported_grant_type.
        return form["grant_type"] switch
        {
            null => OAuthError.InvalidRequest("grant_type is missing."),
            "authorization_code" => RedeemCode(form, client!),
            "client_credentials" => new NoStoreJsonResult<TokenResponse>(tokens.ForClient(client!, form["scope"], runtime.Now), MockIdpJson.Relaxed.TokenResponse),
            var other => OAuthError.Result("unsupported_grant_type", $"grant_type '{ProtocolText.Trim(other)}' is not supported; use authorization_code or client_credentials."),
        };
    }

    // RFC 6749 §4.1.3: code and redirect_uri are required; RFC 7636 §4.1: a code_verifier has a fixed syntax.
    private IResult RedeemCode(ProtocolParameters form, RegisteredClient client)
    {
        if (form["code"] is not { } code)
        {
            return OAuthError.InvalidRequest("code is missing.");
        }

        if (form["redirect_uri"] is not { } redirectUri)
        {
            return OAuthError.InvalidRequest("redirect_uri is missing; send the one of the authorization request (RFC 6749 §4.1.3).");
        }

        var verifier = form["code_verifier"];
        if (verifier is not null && !Pkce.IsWellFormed(verifier))
        {
            return OAuthError.InvalidRequest("code_verifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~ (RFC 7636 §4.1).");
        }

        var now = runtime.Now;
        if (runtime.Codes.Get(code, now) is not { } grant)
        {
            return OAuthError.InvalidGrant("the code is unknown or expired.");
        }

        return GrantFailure(grant, client, redirectUri, verifier, now)
            ?? new NoStoreJsonResult<TokenResponse>(tokens.ForCode(grant, now), MockIdpJson.Relaxed.TokenResponse);
    }

    private IResult? GrantFailure(CodeGrant grant, RegisteredClient client, string redirectUri, string? verifier, DateTimeOffset now)
    {
        // RFC 6749 §4.1.3: the code must have been issued to the authenticated client.
        if (!string.Equals(grant.Request.Client.ClientId, client.ClientId, StringComparison.Ordinal))
        {
            return OAuthError.InvalidGrant("the code was issued to another client.");
        }

        // RFC 6749 §4.1.2: a code is used once; a reuse is refused and revokes what the code gave.
        if (!grant.TryRedeem())
        {
            Revoke(grant, now);
            return OAuthError.InvalidGrant("the code was already used; the tokens issued from it are revoked (RFC 6749 §4.1.2).");
        }

        // RFC 6749 §4.1.2: codes are short-lived.
        if (now >= grant.ExpiresAt)
        {
            return OAuthError.InvalidGrant($"the code expired (codes live {runtime.Configuration.CodeLifetime.TotalSeconds:0} s).");
        }

        // RFC 6749 §4.1.3: redirect_uri must be identical to the authorization request's.
        if (!string.Equals(redirectUri, grant.Request.RedirectUri, StringComparison.Ordinal))
        {
            return OAuthError.InvalidGrant("redirect_uri differs from the one of the authorization request.");
        }

        return PkceFailure(grant.Request, verifier);
    }

    // RFC 7636 §4.6: verify the verifier whenever a challenge was sent. RFC 9700 §2.1.1: refuse a
    // verifier when no challenge was sent, or PKCE could be downgraded.
    private static IResult? PkceFailure(AuthorizationRequest request, string? verifier) => (request.CodeChallenge, verifier) switch
    {
        (null, null) => null,
        (null, _) => OAuthError.InvalidGrant("code_verifier was sent, but the authorization request had no code_challenge."),
        (_, null) => OAuthError.InvalidGrant("code_verifier is missing; the authorization request had a code_challenge."),
        var (challenge, v) => Pkce.Verifies(v, challenge, request.CodeChallengeMethod)
            ? null
            : OAuthError.InvalidGrant($"code_verifier does not match the code_challenge ({request.CodeChallengeMethod})."),
    };

    private void Revoke(CodeGrant grant, DateTimeOffset now)
    {
        if (grant.Issued is { } issued)
        {
            runtime.RevokedTokens.Add(issued.Jti, issued.Jti, issued.ExpiresAt, now);
        }
    }
}
