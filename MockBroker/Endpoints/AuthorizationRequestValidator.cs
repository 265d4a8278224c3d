using PbenchAuthSpec.MockBroker.Fixtures;
using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.MockBroker.State;
using PbenchAuthSpec.MockBroker.Tokens;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Endpoints;

/// <summary>The authorization endpoint's checks, in Keycloak's order: client, redirect URI, then the rest.</summary>
internal static class AuthorizationRequestValidator
{
    private static readonly HashSet<string> ImplicitOrHybrid = new(StringComparer.Ordinal) { "id_token", "token", "id_token token", "code id_token", "code token", "code id_token token" };
    private static readonly HashSet<string> PromptValues = new(StringComparer.Ordinal) { "none", "login", "consent", "select_account" };

    public static AuthorizationValidation Validate(Realm realm, ProtocolParameters p, StackUrls stack)
    {
        // RFC 6749 §4.1.2.1: without a valid client and redirect URI the user is told, never redirected.
        if (p["client_id"] is not { } clientId)
        {
            return AuthorizationValidation.PageError("invalid_request", "Missing parameter: client_id");
        }

        if (!realm.Clients.TryGetValue(clientId, out var client))
        {
            return AuthorizationValidation.PageError("invalid_client", "Client not found.");
        }

        if (ClientRules.MatchRedirectUri(client, stack, p["redirect_uri"]) is not { } redirectUri)
        {
            return AuthorizationValidation.PageError("invalid_request", "Invalid parameter: redirect_uri");
        }

        var mode = p["response_mode"] ?? "query";
        var redirectError = new AuthorizationValidation { RedirectUri = redirectUri, ResponseMode = ResponseModes.IsKnown(mode) ? mode : "query", State = p["state"], ClientId = clientId };
        var problem = ResponseMode(mode) ?? ResponseType(p, client) ?? RequestObject(p) ?? Scope(realm, client, p) ?? CodeChallenge(p, client) ?? Prompt(p) ?? MaxAge(p);
        if (problem is { } found)
        {
            return redirectError with { Error = found.Error, Description = found.Description };
        }

        return AuthorizationValidation.Valid(new AuthorizationRequest
        {
            ClientId = clientId,
            RequestedRedirectUri = p["redirect_uri"],
            RedirectUri = redirectUri,
            ResponseMode = mode,
            Scope = Scopes.Granted(realm, client, p["scope"]),
            State = p["state"],
            Nonce = p["nonce"],
            CodeChallenge = p["code_challenge"],
            CodeChallengeMethod = p["code_challenge"] is null ? null : p["code_challenge_method"] ?? "plain",
            Prompt = p["prompt"],
            LoginHint = p["login_hint"],
            MaxAge = p["max_age"] is { } maxAge ? long.Parse(maxAge, System.Globalization.CultureInfo.InvariantCulture) : null,
            IdpHint = p["kc_idp_hint"],
        });
    }

    // OAuth 2.0 Multiple Response Types §2.1, Form Post Response Mode and JARM: the modes this broker answers in.
    private static (string Error, string Description)? ResponseMode(string mode) =>
        ResponseModes.IsKnown(mode) ? null : ("invalid_request", "Invalid parameter: response_mode");

    // RFC 6749 §4.1.1 / §4.1.2.1: response_type is required, and only "code" is enabled.
    private static (string Error, string Description)? ResponseType(ProtocolParameters p, ClientFixture client)
    {
        if (p["response_type"] is not { } type)
        {
            return ("invalid_request", "Missing parameter: response_type");
        }

        // Keycloak (protocol/oidc/endpoints/AuthorizationEndpointChecker.java): the implicit and
        // hybrid types it knows are refused for a client without the implicit flow, which no
        // MockBroker client has; any other type is unsupported.
        if (type != "code")
        {
            return ImplicitOrHybrid.Contains(type)
                ? ("unauthorized_client", "Client is not allowed to initiate browser login with given response_type. Implicit flow is disabled for the client.")
                : ("unsupported_response_type", "Unsupported response_type");
        }

        return client.StandardFlowEnabled ? null : ("unauthorized_client", "Client is not allowed to initiate browser login with given response_type. Standard flow is disabled for the client.");
    }

    // OIDC Core §6: request objects are not supported here.
    private static (string Error, string Description)? RequestObject(ProtocolParameters p) =>
        p.Has("request") ? ("request_not_supported", "request objects are not supported")
        : p.Has("request_uri") ? ("request_uri_not_supported", "request_uri is not supported")
        : null;

    // RFC 6749 §3.3 / §4.1.2.1: scopes the realm does not know are invalid_scope.
    private static (string Error, string Description)? Scope(Realm realm, ClientFixture client, ProtocolParameters p) =>
        Scopes.Unknown(realm, client, p["scope"]) is { Count: > 0 } unknown ? ("invalid_scope", $"Invalid scopes: {BrokerHttp.Short(string.Join(' ', unknown))}") : null;

    // RFC 7636 §4.3 and §4.4.1: a challenge of the right shape; a client set to S256 must send S256.
    private static (string Error, string Description)? CodeChallenge(ProtocolParameters p, ClientFixture client)
    {
        var challenge = p["code_challenge"];
        var method = p["code_challenge_method"];
        if (method is not null and not ("S256" or "plain"))
        {
            return ("invalid_request", "Invalid parameter: code_challenge_method");
        }

        if (client.PkceCodeChallengeMethod is "S256" or "plain" && challenge is null)
        {
            return ("invalid_request", "Missing parameter: code_challenge");
        }

        if (challenge is null)
        {
            return method is null ? null : ("invalid_request", "Missing parameter: code_challenge");
        }

        if (client.PkceCodeChallengeMethod == "S256" && method != "S256")
        {
            return ("invalid_request", "Invalid parameter: code challenge method is not configured one");
        }

        var validShape = method == Pkce.S256Method ? Pkce.IsS256Shaped(challenge) : Pkce.IsWellFormed(challenge);
        return validShape ? null : ("invalid_request", "Invalid parameter: code_challenge");
    }

    // OIDC Core §3.1.2.1: known prompt values; "none" stands alone.
    private static (string Error, string Description)? Prompt(ProtocolParameters p)
    {
        if (p["prompt"] is not { } prompt)
        {
            return null;
        }

        var values = prompt.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (values.Length == 0 || values.Any(v => !PromptValues.Contains(v)))
        {
            return ("invalid_request", "Invalid parameter: prompt");
        }

        return values.Contains("none") && values.Length > 1 ? ("invalid_request", "prompt=none cannot be combined with other values") : null;
    }

    // OIDC Core §3.1.2.1: max_age is a non-negative number of seconds.
    private static (string Error, string Description)? MaxAge(ProtocolParameters p) =>
        p["max_age"] is { } value && !(value.Length <= 10 && value.All(char.IsAsciiDigit))
            ? ("invalid_request", "Invalid parameter: max_age")
            : null;
}
