using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>Step 15: the dashboard's POST to the broker's token endpoint.</summary>
public static class Step15TokenRequest
{
    internal static readonly CheckRule ContentType = new("s15.content-type", "RFC 6749 §4.1.3", "application/x-www-form-urlencoded body")
    {
        Expected = "application/x-www-form-urlencoded",
    };
    internal static readonly CheckRule GrantType = new("s15.grant-type", "RFC 6749 §4.1.3", "grant_type=authorization_code")
    {
        Expected = "authorization_code",
    };
    internal static readonly CheckRule Code = new("s15.code", "RFC 6749 §4.1.3", "code is step 12's") { Expected = "step 12's code" };
    internal static readonly CheckRule ClientId = new("s15.client-id", "RFC 6749 §3.2.1, §4.1.3", "client_id is step 2's client")
    {
        Expected = "step 2's client (present when step 2 named none)",
    };
    internal static readonly CheckRule RedirectUri = new("s15.redirect-uri", "RFC 6749 §4.1.3", "redirect_uri identical to step 3's")
    {
        Expected = "step 3's redirect_uri",
    };
    internal static readonly CheckRule NoSecret = new("s15.no-secret", "RFC 6749 §2.1, §10.1", "no client secret sent from the browser")
    {
        Expected = "public client: no secret",
        Otherwise = Verdict.Warn,
    };
    internal static readonly CheckRule CodeVerifier = new("s15.code-verifier", "RFC 7636 §4.5, §4.6", "code_verifier matches step 3's code_challenge")
    {
        Expected = "{method}(code_verifier) = step 3's code_challenge",
        SkipWhen = "step 3 sent no code_challenge (see step 3)",
    };
    internal static readonly CheckRule CorsRule = new(
        "s15.cors", "Fetch Standard §3.2 (CORS)", "the token response allows the dashboard's origin (CORS)")
    {
        Expected = "Access-Control-Allow-Origin: {dashboard origin}",
        Policy = "pass on the dashboard's origin, warn on *, else fail",
        SkipWhen = "the broker is on the dashboard's origin",
    };

    public static IEnumerable<Check> Evaluate(LoginTrace trace, WalkContext context, ClientConfig? config)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(context);
        if (trace.TokenRequest is not { } e)
        {
            return [Steps.Missing(15, $"POST {context.Broker.TokenEndpoint}", "the dashboard never exchanged a code at the token endpoint")];
        }

        // The authorization request whose code this exchanges (step 3's, or the later one that completed the login).
        var step3 = trace.CompletingAuthRequest?.Parameters ?? new Dictionary<string, string>();
        var step12 = trace.BrokerRedirect?.Location is { } l ? Urls.AuthorizationResponseOf(step3, l) : new Dictionary<string, string>();
        var form = e.Form;
        var contentType = e.RequestHeader("Content-Type") ?? "";
        var checks = new List<Check>
        {
            Steps.Observed(15, e, "POST to the token endpoint"),
            ContentType.Judge(contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase),
                contentType.Length == 0 ? "(none)" : contentType),
            GrantType.Judge(form.GetValueOrDefault("grant_type") == "authorization_code", form.GetValueOrDefault("grant_type") ?? "missing"),
            Code.Judge(form.GetValueOrDefault("code") is { } c && c == step12.GetValueOrDefault("code"),
                form.GetValueOrDefault("code") ?? "missing",
                expected: step12.GetValueOrDefault("code") ?? "(step 12's code)"),
            ClientId.Judge(form.GetValueOrDefault("client_id") is { } id && (config?.ClientId is null || id == config.ClientId),
                form.GetValueOrDefault("client_id") ?? "missing",
                expected: config?.ClientId ?? "present"),
            RedirectUri.Judge(form.GetValueOrDefault("redirect_uri") == step3.GetValueOrDefault("redirect_uri"),
                form.GetValueOrDefault("redirect_uri") ?? "missing",
                expected: step3.GetValueOrDefault("redirect_uri") ?? "(step 3's)"),
            Verifier(step3, form),
            NoSecret.Judge(SecretSent(e, form) == "no secret", SecretSent(e, form)),
            Cors(e, context),
        };
        return checks.Select(x => x.WithExchanges(e.Id));
    }

    // RFC 7636 §4.5, §4.6: the verifier whenever a challenge was sent, and it must hash to the challenge.
    private static Check Verifier(IReadOnlyDictionary<string, string> step3, IReadOnlyDictionary<string, string> form)
    {
        if (step3.GetValueOrDefault("code_challenge") is not { } challenge)
        {
            return CodeVerifier.Skip();
        }

        var verifier = form.GetValueOrDefault("code_verifier");
        var method = step3.GetValueOrDefault("code_challenge_method") ?? "plain";
        var computed = verifier is null ? null : Pkce.Challenge(verifier, method);
        return CodeVerifier.Judge(computed == challenge,
            verifier is null ? "no code_verifier" : $"{method}(code_verifier) = {computed}",
            expected: $"{method}(code_verifier) = {challenge}");
    }

    // Fetch Standard (CORS): the token response must name the dashboard's origin, or the browser hides it from the dashboard.
    private static Check Cors(Exchange e, WalkContext context)
    {
        if (Urls.SameOrigin(e.Url, context.TargetUrl))
        {
            return CorsRule.Skip();
        }

        var allowed = e.ResponseHeader("Access-Control-Allow-Origin");
        var verdict = string.Equals(allowed, context.TargetOrigin, StringComparison.OrdinalIgnoreCase) ? Verdict.Pass : allowed == "*" ? Verdict.Warn : Verdict.Fail;
        var observed = allowed is null
            ? e.Status is null ? e.Failure ?? "no response" : "no Access-Control-Allow-Origin"
            : $"Access-Control-Allow-Origin: {allowed}";
        return CorsRule.Give(verdict,
            observed,
            expected: $"Access-Control-Allow-Origin: {context.TargetOrigin}")
            .WithFix($"add {context.TargetOrigin} to the Web Origins of the client in the broker");
    }

    private static string SecretSent(Exchange e, IReadOnlyDictionary<string, string> form) =>
        form.ContainsKey("client_secret") ? "client_secret in the form"
        : e.RequestHeader("Authorization")?.StartsWith("Basic", StringComparison.OrdinalIgnoreCase) ?? false ? "Basic client credentials"
        : "no secret";
}
