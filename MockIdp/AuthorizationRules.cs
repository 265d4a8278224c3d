using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockIdp;

/// <summary>The checks of an authorization request once its redirect URI is trusted; each returns the first failure or null.</summary>
internal static class AuthorizationRules
{
    public static RuleFailure? FirstFailure(ProtocolParameters p) =>
        ResponseTypeIsCode(p)
        ?? NoRequestObject(p)
        ?? ScopeHasOpenId(p)
        ?? PkceIsWellFormed(p)
        ?? PromptIsKnown(p)
        ?? MaxAgeIsANumber(p);

    // OAuth 2.0 Multiple Response Types §2.1 / OAuth 2.0 Form Post §2: response_mode selects the encoding.
    public static RuleFailure? ResponseModeIsKnown(ProtocolParameters p) =>
        p["response_mode"] is null or "query" or "fragment" or "form_post"
            ? null
            : new("invalid_request", $"response_mode '{ProtocolText.Trim(p["response_mode"]!)}' is not supported; use query, fragment or form_post.");

    // RFC 6749 §4.1.1: response_type is REQUIRED and MUST be "code" for this flow.
    private static RuleFailure? ResponseTypeIsCode(ProtocolParameters p) => p["response_type"] switch
    {
        null => new("invalid_request", "response_type is required; use response_type=code."),
        "code" => null,
        var other => new("unsupported_response_type", $"response_type '{ProtocolText.Trim(other)}' is not supported; MockIdp does the authorization code flow (response_type=code)."),
    };

    // OIDC Core §6: request objects are optional; a server that does not support them says so.
    private static RuleFailure? NoRequestObject(ProtocolParameters p) =>
        p.Has("request") ? new("request_not_supported", "request objects are not supported; send the parameters in the query.")
        : p.Has("request_uri") ? new("request_uri_not_supported", "request_uri is not supported; send the parameters in the query.")
        : null;

    // OIDC Core §3.1.2.1: scope MUST contain openid; RFC 6749 §3.3: unknown scopes are invalid_scope.
    private static RuleFailure? ScopeHasOpenId(ProtocolParameters p)
    {
        var scopes = (p["scope"] ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!scopes.Contains("openid", StringComparer.Ordinal))
        {
            return new("invalid_scope", "scope must contain openid (an OpenID Connect request).");
        }

        var unknown = scopes.FirstOrDefault(s => !DiscoveryMetadata.Scopes.Contains(s, StringComparer.Ordinal));
        return unknown is null ? null : new("invalid_scope", $"scope '{ProtocolText.Trim(unknown)}' is not known; MockIdp offers openid, profile and email.");
    }

    // RFC 7636 §4.3: code_challenge_method is S256 or plain (plain when absent); §4.2: 43-128 unreserved characters.
    private static RuleFailure? PkceIsWellFormed(ProtocolParameters p)
    {
        var challenge = p["code_challenge"];
        var method = p["code_challenge_method"];
        if (challenge is null)
        {
            return method is null ? null : new("invalid_request", "code_challenge_method without code_challenge.");
        }

        if (method is not (null or "S256" or "plain"))
        {
            return new("invalid_request", $"code_challenge_method '{ProtocolText.Trim(method)}' is not supported; use S256 (or plain).");
        }

        return Pkce.IsWellFormed(challenge) ? null : new("invalid_request", "code_challenge must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~ (RFC 7636 §4.2).");
    }

    // OIDC Core §3.1.2.1: prompt is a space-separated list; none with any other value is an error.
    private static RuleFailure? PromptIsKnown(ProtocolParameters p)
    {
        var values = (p["prompt"] ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (values.Contains("none", StringComparer.Ordinal) && values.Length > 1)
        {
            return new("invalid_request", "prompt=none cannot be combined with other prompt values.");
        }

        var unknown = values.FirstOrDefault(v => v is not ("none" or "login" or "consent" or "select_account"));
        return unknown is null ? null : new("invalid_request", $"prompt '{ProtocolText.Trim(unknown)}' is not supported; use none, login or consent.");
    }

    // OIDC Core §3.1.2.1: max_age is a number of seconds.
    private static RuleFailure? MaxAgeIsANumber(ProtocolParameters p) =>
        p["max_age"] is not { } maxAge || ParseMaxAge(maxAge) is not null
            ? null
            : new("invalid_request", "max_age must be a non-negative whole number of seconds.");

    public static long? ParseMaxAge(string? value) =>
        long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) ? seconds : null;

    public static Prompt ParsePrompt(string? value)
    {
        var prompt = Prompt.None;
        foreach (var v in (value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            prompt |= v switch
            {
                "none" => Prompt.NoInteraction,
                "login" or "select_account" => Prompt.Login,
                "consent" => Prompt.Consent,
                _ => Prompt.None,
            };
        }

        return prompt;
    }
}
