using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>Steps 3 and 4: the authentication request to the broker and its login page.</summary>
public static class Step03To04AuthRequest
{
    internal static readonly CheckRule ClientId = new("s3.client-id", "RFC 6749 §4.1.1", "client_id is step 2's client")
    {
        Expected = "step 2's client",
    };
    internal static readonly CheckRule ResponseType = new("s3.response-type", "RFC 6749 §4.1.1", "response_type=code") { Expected = "code" };
    internal static readonly CheckRule RedirectUri = new("s3.redirect-uri", "RFC 6749 §3.1.2", "redirect_uri on the target's origin")
    {
        Expected = "{target origin}/…",
    };
    internal static readonly CheckRule ScopeOpenid = new("s3.scope-openid", "OIDC Core §3.1.2.1", "scope contains openid") { Expected = "openid …" };
    internal static readonly CheckRule State = new("s3.state", "RFC 6749 §10.12", "state present")
    {
        Expected = "state=<unguessable>",
        Otherwise = Verdict.Warn,
    };
    internal static readonly CheckRule Nonce = new("s3.nonce", "OIDC Core §3.1.2.1, §15.5.2", "nonce present")
    {
        Expected = "nonce=<unguessable>",
        Otherwise = Verdict.Warn,
    };
    internal static readonly CheckRule Pkce = new("s3.pkce", "RFC 7636 §4.2, RFC 9700 §2.1.1", "PKCE code_challenge with S256")
    {
        Expected = "code_challenge_method=S256",
        Policy = "warn when there is no code_challenge, fail when its method is not S256",
    };
    internal static readonly CheckRule ResponseMode = new(
        "s3.response-mode", "OAuth 2.0 Multiple Response Types §2.1", "response_mode is query or fragment")
    {
        Expected = "query or fragment (or absent)",
        Otherwise = Verdict.Warn,
    };
    internal static readonly CheckRule LoginPage = new("s4.login-page", "Diagram step 4", "login page served")
    {
        SkipWhen = "the broker rightly refused a step 3 that failed",
    };
    internal static readonly CheckRule Status = new("s4.status", "Diagram step 4", "200 response") { Expected = "200" };
    internal static readonly CheckRule Html = new("s4.html", "Diagram step 4", "HTML login page") { Expected = "text/html" };
    internal static readonly CheckRule ListsIdp = new("s4.lists-idp", "Diagram step 4", "the login page lists identity provider '{idp alias}'")
    {
        Expected = "an element #social-{idp alias}",
    };
    internal static readonly CheckRule SessionCookie = new("s4.session-cookie", "Diagram step 4", "sets the broker's session cookie")
    {
        Expected = "Set-Cookie",
    };

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
        yield return ClientId.Judge(config?.ClientId is null ? p.ContainsKey("client_id") : p.GetValueOrDefault("client_id") == config.ClientId,
            p.GetValueOrDefault("client_id") ?? "missing",
            expected: config?.ClientId ?? "(step 2's client)");
        yield return ResponseType.Judge(p.GetValueOrDefault("response_type") == "code", p.GetValueOrDefault("response_type") ?? "missing");
        yield return RedirectUri.Judge(redirectUri is not null && Urls.SameOrigin(redirectUri, context.TargetUrl),
            redirectUri ?? "missing",
            expected: $"{context.TargetOrigin}/…");
        yield return ScopeOpenid.Judge(Scopes(p).Contains("openid"), p.GetValueOrDefault("scope") ?? "missing");
        foreach (var check in Recommended(p))
        {
            yield return check;
        }
    }

    private static IEnumerable<Check> Recommended(IReadOnlyDictionary<string, string> p)
    {
        // RFC 6749 §10.12: state binds the response to the browser session (CSRF).
        yield return State.Judge(!string.IsNullOrEmpty(p.GetValueOrDefault("state")), p.GetValueOrDefault("state") ?? "missing");
        yield return Nonce.Judge(!string.IsNullOrEmpty(p.GetValueOrDefault("nonce")), p.GetValueOrDefault("nonce") ?? "missing");
        var method = p.GetValueOrDefault("code_challenge_method");
        var challenge = p.GetValueOrDefault("code_challenge");
        // RFC 9700 §2.1.1: public clients use PKCE with S256; RFC 7636 §4.3: no method means plain.
        yield return challenge is null
            ? Pkce.Give(Verdict.Warn, "no code_challenge")
            : Pkce.Judge(method == "S256", $"code_challenge_method={method ?? "(absent: plain)"}");
        var mode = p.GetValueOrDefault("response_mode");
        yield return ResponseMode.Judge(mode is null or "query" or "fragment", mode ?? "absent");
    }

    private static IEnumerable<Check> Step4(Exchange e, WalkContext context, List<Check> step3)
    {
        var refused = e.Status is >= 400 and < 500;
        if (refused && step3.Any(c => c.Verdict == Verdict.Fail))
        {
            // The broker rightly refused a broken request; step 3 already says why.
            yield return LoginPage.Skip($"the broker refused step 3's request ({Steps.StatusText(e)}); see step 3").WithExchanges(e.Id);
            yield break;
        }

        var status = Status.Judge(e.Status == 200, Steps.StatusText(e)).WithExchanges(e.Id);
        yield return refused ? status.WithFix($"register the dashboard's redirect URI ({RedirectUriOf(e)}) and web origin {context.TargetOrigin} on the client in the broker") : status;
        if (e.Status != 200)
        {
            yield break;
        }

        var contentType = e.ResponseHeader("Content-Type") ?? "";
        yield return Html.Judge(contentType.Contains("text/html", StringComparison.OrdinalIgnoreCase), contentType).WithExchanges(e.Id);
        var marker = $"social-{context.IdpAlias}";
        yield return ListsIdp.Judge(e.ResponseBody?.Contains(marker, StringComparison.Ordinal) ?? false,
            e.ResponseBody is null ? "no body recorded" : $"no #{marker} in the page",
            expected: $"an element #{marker}",
            title: $"the login page lists identity provider '{context.IdpAlias}'").WithExchanges(e.Id)
            .WithFix($"add identity provider '{context.IdpAlias}' to the realm and show it on the login page");
        var cookies = e.ResponseHeader("Set-Cookie");
        yield return SessionCookie.Judge(!string.IsNullOrEmpty(cookies),
            cookies is null ? "no Set-Cookie" : Steps.Excerpt(cookies.Replace('\n', ' '), 100)).WithExchanges(e.Id);
    }

    private static string RedirectUriOf(Exchange e) => e.Parameters.GetValueOrDefault("redirect_uri") ?? "?";

    public static IReadOnlyCollection<string> Scopes(IReadOnlyDictionary<string, string> p) =>
        (p.GetValueOrDefault("scope") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
