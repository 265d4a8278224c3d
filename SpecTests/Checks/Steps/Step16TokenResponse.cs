using System.Globalization;
using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>Step 16: the broker's token response (RFC 6749 §5.1, OIDC Core §3.1.3.3) and its tokens.</summary>
public static class Step16TokenResponse
{
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
            return [Check.That(16, "s16.status", "RFC 6749 §5.1", "200 response", false, "200", $"{Steps.StatusText(e)} {Steps.Excerpt(e.ResponseBody, 200)}{note}").WithExchanges(e.Id)];
        }

        tokens = TokenSet.Parse(e.ResponseBody);
        var checks = new List<Check> { Check.That(16, "s16.status", "RFC 6749 §5.1", "200 response", true, "200", "200" + note) };
        checks.Add(Check.That(16, "s16.json", "RFC 6749 §5.1", "JSON object body", tokens.ParseProblem is null, "application/json object", tokens.ParseProblem ?? "JSON object"));
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
        yield return Present(t, "access_token", "RFC 6749 §5.1");
        var expiresIn = t.Integer("expires_in");
        yield return Check.That(16, "s16.expires-in", "RFC 6749 §5.1", "expires_in is an integer > 0", expiresIn > 0, "integer > 0", Raw(t, "expires_in"));
        var refreshExpiresIn = t.Integer("refresh_expires_in");
        yield return Check.That(16, "s16.refresh-expires-in", "Keycloak token response", "refresh_expires_in is an integer ≥ 0", refreshExpiresIn >= 0, "integer ≥ 0", Raw(t, "refresh_expires_in"));
        yield return Present(t, "refresh_token", "RFC 6749 §5.1, §6");
        yield return Check.That(16, "s16.token-type", "RFC 6749 §5.1, §7.1", "token_type is Bearer (any case)", string.Equals(t.Text("token_type"), "Bearer", StringComparison.OrdinalIgnoreCase), "Bearer", Raw(t, "token_type"));
        yield return Present(t, "id_token", "OIDC Core §3.1.3.3");
        yield return Present(t, "session_state", "Diagram step 16 (Keycloak token response)");
        var scopes = (t.Text("scope") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        yield return Check.That(16, "s16.scope", "RFC 6749 §5.1, OIDC Core §3.1.2.1", "scope contains openid", scopes.Contains("openid"), "openid email profile", Raw(t, "scope"));
        var cacheControl = e.ResponseHeader("Cache-Control") ?? "";
        yield return Check.That(16, "s16.no-store", "RFC 6749 §5.1", "Cache-Control: no-store", cacheControl.Contains("no-store", StringComparison.OrdinalIgnoreCase), "no-store", cacheControl.Length == 0 ? "no Cache-Control" : cacheControl);
    }

    private static Check Present(TokenSet t, string name, string rule) =>
        Check.That(16, $"s16.{name.Replace('_', '-')}", rule, $"{name} present", !string.IsNullOrEmpty(t.Text(name)), name, t.Text(name) is { } v ? Steps.Excerpt(v, 40) : Raw(t, name));

    private static string Raw(TokenSet t, string name) =>
        t.Json?[name] is { } node ? node.ToJsonString() : "missing";

    internal static string Seconds(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "missing";
}
