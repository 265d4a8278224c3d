using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>
/// Step 12: the broker's authentication response back to the dashboard, and its answers to the
/// dashboard's silent <c>prompt=none</c> requests (keycloak-js's check-sso), which are
/// authentication responses too even though their hops are unnumbered.
/// </summary>
public static class Step12AuthResponse
{
    internal static readonly CheckRule Status = new("s12.status", "Diagram step 12", "302 redirect back to the dashboard")
    {
        Expected = "302",
        Policy = "pass on 302, warn on another redirect, else fail",
    };
    internal static readonly CheckRule Location = new("s12.location", "RFC 6749 §4.1.2, §3.1.2", "Location is step 3's redirect_uri exactly")
    {
        Expected = "{step 3's redirect_uri}?…",
    };
    internal static readonly CheckRule ResponseMode = new(
        "s12.response-mode", "OAuth 2.0 Multiple Response Types §2.1", "parameters in the {response_mode} as step 3 asked")
    {
        Expected = "code in the {response_mode} (query by default)",
    };
    internal static readonly CheckRule NoError = new("s12.no-error", "RFC 6749 §4.1.2.1", "no error") { Expected = "code, no error" };
    internal static readonly CheckRule Code = new("s12.code", "RFC 6749 §4.1.2", "code present") { Expected = "code=<identity_broker_auth_code>" };
    internal static readonly CheckRule SessionState = new("s12.session-state", "Keycloak authorization response", "session_state present")
    {
        Expected = "session_state",
        Otherwise = Verdict.Warn,
    };
    internal static readonly CheckRule AbandonedResponse = new(
        "s12.abandoned-response", "RFC 9700 §4.5, RFC 6749 §4.1.2", "every authorization response's code is redeemed")
    {
        Expected = "the dashboard redeems the code of the response to its login request",
        Otherwise = Verdict.Warn,
    };
    internal static readonly CheckRule SilentStateRule = new("s12.silent-state", "RFC 6749 §4.1.2.1", "prompt=none answers echo state")
    {
        Expected = "state identical to each silent request's",
    };
    internal static readonly CheckRule StateRule = new("s12.state", "RFC 6749 §4.1.2", "state identical to step 3's")
    {
        Expected = "step 3's state",
        SkipWhen = "step 3 sent no state (see step 3)",
    };
    internal static readonly CheckRule Iss = new("s12.iss", "RFC 9207 §2.4", "iss is the broker's issuer")
    {
        Expected = "the broker's issuer (realm URL)",
        Policy = "pass when equal, warn when missing, fail when different",
    };

    public static IEnumerable<Check> Evaluate(LoginTrace trace, WalkContext context)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(context);
        // The request this response answers: step 3's, or the later one whose code completed the login.
        var step3 = trace.CompletingAuthRequest?.Parameters ?? new Dictionary<string, string>();
        var redirectUri = step3.GetValueOrDefault("redirect_uri") ?? "";
        if (trace.BrokerRedirect is not { } e)
        {
            var last = trace.All.LastOrDefault(x => trace.BrokerEndpoint is { } b && x.Id >= b.Id && x.Origin == b.Origin);
            return [Steps.Missing(12, $"302 to {redirectUri}", last is null ? "the broker never answered" : $"last broker response: {Steps.StatusText(last)}"), .. SilentState(trace)];
        }

        var location = e.Location!;
        var mode = step3.GetValueOrDefault("response_mode") ?? "query";
        var p = Urls.AuthorizationResponseOf(step3, location);
        var verdict = e.Status == 302 ? Verdict.Pass : e.IsRedirect ? Verdict.Warn : Verdict.Fail;
        var checks = new List<Check>
        {
            Status.Give(verdict, Steps.StatusText(e) + Completing(trace)),
            Location.Judge(IsRedirectUriPlusParameters(location, redirectUri), location, expected: redirectUri + "?…"),
            ResponseMode.Judge(p.ContainsKey("code") || p.ContainsKey("error"),
                $"query: {Urls.QueryString(location) ?? "-"}; fragment: {Urls.FragmentString(location) ?? "-"}",
                expected: $"code in the {mode}",
                title: $"parameters in the {mode} as step 3 asked"),
            NoError.Judge(!p.ContainsKey("error"), Steps.Show(p, "error", "error_description")),
            Code.Judge(!string.IsNullOrEmpty(p.GetValueOrDefault("code")), p.GetValueOrDefault("code") ?? "missing"),
            State(step3, p),
            SessionState.Judge(p.ContainsKey("session_state"), p.GetValueOrDefault("session_state") ?? "missing"),
            Issuer(p, context),
        };
        return [.. checks.Select(c => c.WithExchanges(e.Id, trace.CompletingAuthRequest?.Id)), .. Abandoned(trace), .. SilentState(trace)];
    }

    private static string Completing(LoginTrace trace) =>
        trace.CompletingAuthRequest is { } r && r.Id != trace.AuthRequest?.Id ? $" (the answer to #{r.Id}, the authorization request whose code the token request redeemed)" : "";

    // OAuth 2.0 Security BCP (RFC 9700 §4.5) wants each code redeemed once by the client that asked
    // for it; a dashboard that drops an authorization response (a route guard redirecting before it is
    // read) leaves a live code behind and logs in through another request. Judged only when a token
    // request shows which response completed the login.
    private static IEnumerable<Check> Abandoned(LoginTrace trace)
    {
        if (trace.TokenRequest is not { } token || trace.CompletingAuthRequest is not { } completing)
        {
            yield break;
        }

        var abandoned = trace.AbandonedResponses;
        var completedBy = $"#{completing.Id} {Describe(completing)}, whose code the token request #{token.Id} redeemed";
        var observed = abandoned.Count == 0
            ? $"the token request redeems the code of {completedBy}"
            : string.Join("; ", abandoned.Select(a => $"#{a.Response.Id} answered #{a.Request.Id} {Describe(a.Request)} with a code that was never redeemed")) + $"; the login completed through {completedBy}";
        yield return AbandonedResponse.Judge(abandoned.Count == 0, observed)
            .WithExchanges([.. abandoned.SelectMany(a => new int?[] { a.Response.Id, a.Request.Id }), completing.Id, token.Id]);
    }

    private static string Describe(Exchange request) =>
        $"{(request.Query.GetValueOrDefault("prompt") is { } prompt ? $"prompt={prompt} " : "")}request (redirect_uri {request.Parameters.GetValueOrDefault("redirect_uri") ?? "none"})";

    // RFC 6749 §4.1.2.1 (and OIDC Core §3.1.2.6 for prompt=none's login_required): an error
    // response carries the request's state too; a client that cannot match it (keycloak-js) cannot
    // finish its check-sso. No check when the dashboard made no silent request.
    private static IEnumerable<Check> SilentState(LoginTrace trace)
    {
        var silent = trace.SilentAuthRequests.Where(x => x.IsRedirect && x.Location is not null).ToList();
        if (silent.Count == 0)
        {
            yield break;
        }

        var wrong = silent.Where(x => x.Query.GetValueOrDefault("state") is { } sent && Urls.AuthorizationResponseOf(x.Query, x.Location!).GetValueOrDefault("state") != sent).ToList();
        var observed = wrong.Count == 0
            ? $"{silent.Count} prompt=none round trip(s), each answer echoes its state"
            : string.Join("; ", wrong.Select(x => $"#{x.Id} sent state={x.Query["state"]}, answered {Urls.FragmentString(x.Location!) ?? Urls.QueryString(x.Location!) ?? x.Location}"));
        yield return SilentStateRule.Judge(wrong.Count == 0, observed)
            .WithExchanges([.. silent.Select(x => (int?)x.Id)]);
    }

    // RFC 6749 §4.1.2: state REQUIRED in the response if it was in the request, with the exact value.
    private static Check State(IReadOnlyDictionary<string, string> step3, IReadOnlyDictionary<string, string> p) =>
        step3.GetValueOrDefault("state") is { } sent
            ? StateRule.Judge(p.GetValueOrDefault("state") == sent, p.GetValueOrDefault("state") ?? "missing", expected: sent)
            : StateRule.Skip();

    // RFC 9207 §2.4: when iss is present it must equal the authorization server's issuer; missing is a warn.
    private static Check Issuer(IReadOnlyDictionary<string, string> p, WalkContext context)
    {
        var iss = p.GetValueOrDefault("iss");
        var verdict = iss is null ? Verdict.Warn : iss == context.Broker.RealmUrl ? Verdict.Pass : Verdict.Fail;
        return Iss.Give(verdict, iss ?? "missing", expected: context.Broker.RealmUrl);
    }

    private static bool IsRedirectUriPlusParameters(string location, string redirectUri) =>
        redirectUri.Length > 0 && location.StartsWith(redirectUri, StringComparison.Ordinal)
        && (location.Length == redirectUri.Length || location[redirectUri.Length] is '?' or '#' or '&');
}
