using System.Globalization;
using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>Step 16: the broker's token response (RFC 6749 §5.1, OIDC Core §3.1.3.3) and its tokens.</summary>
public static class Step16TokenResponse
{
    internal static readonly CheckRule Status = new("s16.status", "RFC 6749 §5.1", "200 response") { Expected = "200" };
    internal static readonly CheckRule Json = new("s16.json", "RFC 6749 §5.1", "JSON object body") { Expected = "application/json object" };
    internal static readonly CheckRule ExpiresIn = new("s16.expires-in", "RFC 6749 §5.1", "expires_in is an integer > 0")
    {
        Expected = "integer > 0",
    };
    internal static readonly CheckRule RefreshExpiresIn = new(
        "s16.refresh-expires-in", "Keycloak token response", "refresh_expires_in is an integer ≥ 0")
    {
        Expected = "integer ≥ 0",
    };
    internal static readonly CheckRule TokenType = new("s16.token-type", "RFC 6749 §5.1, §7.1", "token_type is Bearer (any case)")
    {
        Expected = "Bearer",
    };
    internal static readonly CheckRule Scope = new("s16.scope", "RFC 6749 §5.1, OIDC Core §3.1.2.1", "scope contains openid")
    {
        Expected = "openid email profile",
    };
    internal static readonly CheckRule AccessToken = new("s16.access-token", "RFC 6749 §5.1", "access_token present") { Expected = "access_token" };
    internal static readonly CheckRule RefreshToken = new("s16.refresh-token", "RFC 6749 §5.1, §6", "refresh_token present")
    {
        Expected = "refresh_token",
    };
    internal static readonly CheckRule IdToken = new("s16.id-token", "OIDC Core §3.1.3.3", "id_token present") { Expected = "id_token" };
    internal static readonly CheckRule SessionState = new(
        "s16.session-state", "Diagram step 16 (Keycloak token response)", "session_state present")
    {
        Expected = "session_state",
    };
    internal static readonly CheckRule NoStore = new("s16.no-store", "RFC 6749 §5.1", "Cache-Control: no-store") { Expected = "no-store" };

    /// <param name="fallback">The harness's own code exchange, judged when the dashboard made none (it refused the authorization response).</param>
    /// <param name="fallbackNonce">Step 3's nonce of that harness login.</param>
    public static IEnumerable<Check> Evaluate(LoginTrace trace, WalkContext context, ClientConfig? config, out TokenSet? tokens, Exchange? fallback = null, string? fallbackNonce = null)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(context);
        tokens = null;
        var e = trace.TokenRequest ?? fallback;
        var note = trace.TokenRequest is null && fallback is not null ? " (the dashboard exchanged no code; this is the broker's answer to the harness's own code exchange)" : "";
        if (e is null || e.Status is null)
        {
            return [Steps.Missing(16, "200 token response", e is null ? "no token request (step 15)" : $"no readable response: {e.Failure ?? "none"}")];
        }

        if (e.Status != 200)
        {
            return [Status.Judge(false, $"{Steps.StatusText(e)} {Steps.Excerpt(e.ResponseBody, 200)}{note}").WithExchanges(e.Id)];
        }

        tokens = TokenSet.Parse(e.ResponseBody);
        var checks = new List<Check> { Status.Judge(true, "200" + note) };
        checks.Add(Json.Judge(tokens.ParseProblem is null, tokens.ParseProblem ?? "JSON object"));
        if (tokens.ParseProblem is null)
        {
            checks.AddRange(Fields(tokens, e));
            var nonce = trace.TokenRequest is null ? fallbackNonce : trace.CompletingAuthRequest?.Parameters.GetValueOrDefault("nonce");
            checks.AddRange(Step16Tokens.Evaluate(tokens, context, config, nonce));
        }

        return checks.Select(c => c.Exchanges.Count == 0 ? c.WithExchanges(e.Id) : c);
    }

    private static IEnumerable<Check> Fields(TokenSet t, Exchange e)
    {
        yield return Present(t, AccessToken);
        var expiresIn = t.Integer("expires_in");
        yield return ExpiresIn.Judge(expiresIn > 0, Raw(t, "expires_in"));
        var refreshExpiresIn = t.Integer("refresh_expires_in");
        yield return RefreshExpiresIn.Judge(refreshExpiresIn >= 0, Raw(t, "refresh_expires_in"));
        yield return Present(t, RefreshToken);
        yield return TokenType.Judge(string.Equals(t.Text("token_type"), "Bearer", StringComparison.OrdinalIgnoreCase), Raw(t, "token_type"));
        yield return Present(t, IdToken);
        yield return Present(t, SessionState);
        var scopes = (t.Text("scope") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        yield return Scope.Judge(scopes.Contains("openid"), Raw(t, "scope"));
        var cacheControl = e.ResponseHeader("Cache-Control") ?? "";
        yield return NoStore.Judge(cacheControl.Contains("no-store", StringComparison.OrdinalIgnoreCase),
            cacheControl.Length == 0 ? "no Cache-Control" : cacheControl);
    }

    // The rule's Expected is the member's name in the token response.
    private static Check Present(TokenSet t, CheckRule rule) =>
        rule.Judge(!string.IsNullOrEmpty(t.Text(rule.Expected)), t.Text(rule.Expected) is { } v ? Steps.Excerpt(v, 40) : Raw(t, rule.Expected));

    private static string Raw(TokenSet t, string name) =>
        t.Json?[name] is { } node ? node.ToJsonString() : "missing";

    internal static string Seconds(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "missing";
}
