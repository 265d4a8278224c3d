using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockIdp;

/// <summary>The authorization endpoint (RFC 6749 §3.1, §4.1.1; OIDC Core §3.1.2).</summary>
internal sealed class AuthorizationEndpoint(IdpRuntime runtime, SignInFlow flow, AuthorizationResponder responder)
{
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;

        // OIDC Core §3.1.2.1: the authorization endpoint supports GET and POST.
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsPost(request.Method))
        {
            await IdpResponses.MethodNotAllowedAsync(context, "GET, POST");
            return;
        }

        var parse = HttpMethods.IsGet(request.Method) ? ProtocolParameters.FromQuery(request) : await ProtocolParameters.FromFormAsync(request);
        if (parse.Parameters is not { } p)
        {
            await IdpResponses.ShowErrorAsync(context, "invalid_request", $"malformed authorization request: {parse.Error}.");
            return;
        }

        if (Trust(p, out var client, out var redirectUri) is { } untrusted)
        {
            await IdpResponses.ShowErrorAsync(context, untrusted.Error, untrusted.Description);
            return;
        }

        var state = p["state"];
        if (AuthorizationRules.ResponseModeIsKnown(p) is { } badMode)
        {
            await responder.ErrorAsync(context, redirectUri, "query", state, badMode.Error, badMode.Description);
            return;
        }

        var responseMode = p["response_mode"] ?? "query";
        if (AuthorizationRules.FirstFailure(p) is { } failure)
        {
            await responder.ErrorAsync(context, redirectUri, responseMode, state, failure.Error, failure.Description);
            return;
        }

        var authorization = Read(p, client, redirectUri, responseMode);
        await (authorization.Prompt.HasFlag(Prompt.NoInteraction)
            ? flow.SilentAsync(context, authorization)
            : flow.BeginAsync(context, authorization));
    }

    // RFC 6749 §4.1.2.1 / §10.15: with a missing or unknown client, or a redirect URI that is not
    // registered for it (exact string match, RFC 6749 §3.1.2.3), MockIdp must not redirect at all.
    private RuleFailure? Trust(ProtocolParameters p, out RegisteredClient client, out string redirectUri)
    {
        client = null!;
        redirectUri = null!;
        if (p["client_id"] is not { } clientId)
        {
            return new("invalid_request", "client_id is missing.");
        }

        if (!runtime.Configuration.Clients.TryGetValue(clientId, out var known))
        {
            return new("invalid_request", $"client_id '{ProtocolText.Trim(clientId)}' is not registered at MockIdp.");
        }

        // OIDC Core §3.1.2.1: redirect_uri is REQUIRED in an OpenID Connect request.
        if (p["redirect_uri"] is not { } uri)
        {
            return new("invalid_request", "redirect_uri is missing.");
        }

        if (!known.IsRegistered(uri, runtime.Stack))
        {
            return new("invalid_request", $"redirect_uri '{ProtocolText.Trim(uri)}' is not registered for client '{ProtocolText.Trim(clientId)}' (exact match required).");
        }

        client = known;
        redirectUri = uri;
        return null;
    }

    // RFC 7636 §4.3: a challenge without a method is plain.
    private static AuthorizationRequest Read(ProtocolParameters p, RegisteredClient client, string redirectUri, string responseMode)
    {
        var challenge = p["code_challenge"];
        return new AuthorizationRequest(
            client,
            redirectUri,
            responseMode,
            string.Join(' ', p["scope"]!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)),
            p["state"],
            p["nonce"],
            challenge,
            challenge is null ? null : p["code_challenge_method"] ?? "plain",
            AuthorizationRules.ParsePrompt(p["prompt"]),
            AuthorizationRules.ParseMaxAge(p["max_age"]),
            p["login_hint"]);
    }
}
