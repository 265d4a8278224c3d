using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>Steps 3 and 4: the authentication request to the broker and its login page.</summary>
public static class Step03To04AuthRequest
{
    public static IEnumerable<Check> Evaluate(LoginTrace trace, WalkContext context, ClientConfig? config)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(context);
        var e = trace.AuthRequest;
        if (e is null)
        {
            // Silent prompt=none requests (check-sso) are not step 3: say so, so the reader looks at their answers (step 12).
            var silent = trace.SilentAuthRequests.Count;
            var observed = silent == 0
                ? "the browser never went to the broker's authorization endpoint"
                : $"the browser went to the broker's authorization endpoint only with prompt=none ({silent}×: a silent check, see its answers at step 12), never to log in";
            return [Steps.Missing(3, $"a request to {context.Broker.AuthorizationEndpoint}", observed),
                Steps.Missing(4, "the broker's login page", "no response: step 3 not observed")];
        }

        var step3 = Step3(e, context, config).Select(c => c.WithExchanges(e.Id)).ToList();
        return [.. step3, .. Step4(e, context, step3)];
    }

    private static IEnumerable<Check> Step3(Exchange e, WalkContext context, ClientConfig? config)
    {
        var p = e.Parameters;
        var redirectUri = p.GetValueOrDefault("redirect_uri");
        yield return Steps.Observed(3, e, "authentication request");
        // RFC 6749 §4.1.1 / OIDC Core §3.1.2.1: the required parameters.
        yield return Check.That(3, "s3.client-id", "RFC 6749 §4.1.1", "client_id is step 2's client", config?.ClientId is null ? p.ContainsKey("client_id") : p.GetValueOrDefault("client_id") == config.ClientId,
            config?.ClientId ?? "(step 2's client)", p.GetValueOrDefault("client_id") ?? "missing");
        yield return Check.That(3, "s3.response-type", "RFC 6749 §4.1.1", "response_type=code", p.GetValueOrDefault("response_type") == "code", "code", p.GetValueOrDefault("response_type") ?? "missing");
        yield return Check.That(3, "s3.redirect-uri", "RFC 6749 §3.1.2", "redirect_uri on the target's origin", redirectUri is not null && Urls.SameOrigin(redirectUri, context.TargetUrl),
            $"{context.TargetOrigin}/…", redirectUri ?? "missing");
        yield return Check.That(3, "s3.scope-openid", "OIDC Core §3.1.2.1", "scope contains openid", Scopes(p).Contains("openid"), "openid …", p.GetValueOrDefault("scope") ?? "missing");
        foreach (var check in Recommended(p))
        {
            yield return check;
        }
    }

    private static IEnumerable<Check> Recommended(IReadOnlyDictionary<string, string> p)
    {
        // RFC 6749 §10.12: state binds the response to the browser session (CSRF).
        yield return Check.That(3, "s3.state", "RFC 6749 §10.12", "state present", !string.IsNullOrEmpty(p.GetValueOrDefault("state")), "state=<unguessable>", p.GetValueOrDefault("state") ?? "missing", Verdict.Warn);
        yield return Check.That(3, "s3.nonce", "OIDC Core §3.1.2.1, §15.5.2", "nonce present", !string.IsNullOrEmpty(p.GetValueOrDefault("nonce")), "nonce=<unguessable>", p.GetValueOrDefault("nonce") ?? "missing", Verdict.Warn);
        var method = p.GetValueOrDefault("code_challenge_method");
        var challenge = p.GetValueOrDefault("code_challenge");
        // RFC 9700 §2.1.1: public clients use PKCE with S256; RFC 7636 §4.3: no method means plain.
        yield return challenge is null
            ? Check.That(3, "s3.pkce", "RFC 9700 §2.1.1", "PKCE code_challenge with S256", false, "code_challenge_method=S256", "no code_challenge", Verdict.Warn)
            : Check.That(3, "s3.pkce", "RFC 7636 §4.2, RFC 9700 §2.1.1", "PKCE code_challenge with S256", method == "S256", "code_challenge_method=S256", $"code_challenge_method={method ?? "(absent: plain)"}");
        var mode = p.GetValueOrDefault("response_mode");
        yield return Check.That(3, "s3.response-mode", "OAuth 2.0 Multiple Response Types §2.1", "response_mode is query or fragment", mode is null or "query" or "fragment",
            "query or fragment (or absent)", mode ?? "absent", Verdict.Warn);
    }

    private static IEnumerable<Check> Step4(Exchange e, WalkContext context, List<Check> step3)
    {
        var refused = e.Status is >= 400 and < 500;
        if (refused && step3.Any(c => c.Verdict == Verdict.Fail))
        {
            // The broker rightly refused a broken request; step 3 already says why.
            yield return Check.Skipped(4, "s4.login-page", "Diagram step 4", "login page served", $"the broker refused step 3's request ({Steps.StatusText(e)}); see step 3").WithExchanges(e.Id);
            yield break;
        }

        var status = Check.That(4, "s4.status", "Diagram step 4", "200 response", e.Status == 200, "200", Steps.StatusText(e)).WithExchanges(e.Id);
        yield return refused ? status.WithFix($"register the dashboard's redirect URI ({RedirectUriOf(e)}) and web origin {context.TargetOrigin} on the client in the broker") : status;
        if (e.Status != 200)
        {
            yield break;
        }

        var contentType = e.ResponseHeader("Content-Type") ?? "";
        yield return Check.That(4, "s4.html", "Diagram step 4", "HTML login page", contentType.Contains("text/html", StringComparison.OrdinalIgnoreCase), "text/html", contentType).WithExchanges(e.Id);
        var marker = $"social-{context.IdpAlias}";
        yield return Check.That(4, "s4.lists-idp", "Diagram step 4", $"the login page lists identity provider '{context.IdpAlias}'", e.ResponseBody?.Contains(marker, StringComparison.Ordinal) ?? false,
            $"an element #{marker}", e.ResponseBody is null ? "no body recorded" : $"no #{marker} in the page").WithExchanges(e.Id)
            .WithFix($"add identity provider '{context.IdpAlias}' to the realm and show it on the login page");
        var cookies = e.ResponseHeader("Set-Cookie");
        yield return Check.That(4, "s4.session-cookie", "Diagram step 4", "sets the broker's session cookie", !string.IsNullOrEmpty(cookies),
            "Set-Cookie", cookies is null ? "no Set-Cookie" : Steps.Excerpt(cookies.Replace('\n', ' '), 100)).WithExchanges(e.Id);
    }

    private static string RedirectUriOf(Exchange e) => e.Parameters.GetValueOrDefault("redirect_uri") ?? "?";

    public static IReadOnlyCollection<string> Scopes(IReadOnlyDictionary<string, string> p) =>
        (p.GetValueOrDefault("scope") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
