using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>Steps 5–10: the broker sends the browser to the upstream IdP, the person logs in, the IdP sends it back.</summary>
public static class Step05To10IdpLogin
{
    internal static readonly CheckRule ClientId = new("s5.client-id", "RFC 6749 §4.1.1", "client_id is the broker's client at the IdP")
    {
        Expected = "the broker's client id at the IdP (present when not configured)",
    };
    internal static readonly CheckRule ResponseType = new("s5.response-type", "RFC 6749 §4.1.1", "response_type=code") { Expected = "code" };
    internal static readonly CheckRule RedirectUri = new(
        "s5.redirect-uri", "Keycloak identity brokering", "redirect_uri is the broker's endpoint for this IdP")
    {
        Expected = "{realm URL}/broker/{idp alias}/endpoint",
    };
    internal static readonly CheckRule ScopeOpenid = new("s5.scope-openid", "OIDC Core §3.1.2.1", "scope contains openid") { Expected = "openid …" };
    internal static readonly CheckRule Step5State = new("s5.state", "RFC 6749 §10.12", "state present") { Expected = "state" };
    internal static readonly CheckRule Step6Status = new("s6.status", "Diagram step 6", "303 redirect")
    {
        Expected = "303",
        Policy = "pass on 303, warn on another redirect, else fail",
    };
    internal static readonly CheckRule SameOriginRule = new("s6.same-origin", "Diagram step 6", "redirect to the IdP's own login page (same origin)")
    {
        Expected = "the IdP's own origin",
    };
    internal static readonly CheckRule IdpError = new(
        "s6.idp-error", "RFC 6749 §4.1.2.1", "the IdP accepts the broker's authorization request (a redirect to its login page, no error)")
    {
        Expected = "303 to the IdP's login page",
        Policy = "fail on an error answer, warn on a code at once (no login page)",
    };
    internal static readonly CheckRule FollowsRedirect = new("s7.follows-redirect", "Diagram step 7", "GET of step 6's Location")
    {
        Expected = "step 6's Location",
    };
    internal static readonly CheckRule Step8Status = new("s8.status", "Diagram step 8", "200 response") { Expected = "200" };
    internal static readonly CheckRule CredentialForm = new("s8.credential-form", "Diagram step 8", "HTML with a credential form")
    {
        Expected = "<form> with a password field",
    };
    internal static readonly CheckRule Method = new("s9.method", "Diagram step 9", "GET or POST") { Expected = "GET/POST" };
    internal static readonly CheckRule Step10Status = new("s10.status", "Diagram step 10", "302 or 303") { Expected = "302/303" };
    internal static readonly CheckRule NoError = new("s10.no-error", "RFC 6749 §4.1.2.1", "no error in the response") { Expected = "code, no error" };
    internal static readonly CheckRule Code = new("s10.code", "RFC 6749 §4.1.2", "code present") { Expected = "code=<auth_code>" };
    internal static readonly CheckRule Step10State = new("s10.state", "RFC 6749 §4.1.2", "state byte-identical to step 5's")
    {
        Expected = "step 5's state",
    };

    public static IEnumerable<Check> Evaluate(LoginTrace trace, WalkContext context)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(context);
        var authorize = trace.IdpAuthorize;
        if (authorize is null)
        {
            return Enumerable.Range(5, 6).Select(s => Steps.Missing(s, s == 5 ? "an authorization request to the IdP" : $"step {s}", "the browser never reached the identity provider"));
        }

        if (IdpAnswer(authorize) is { } answer)
        {
            // The IdP answered step 5 at once (an error, or a code from its own session): steps 7–10 never happen.
            return [.. Step5(authorize, context), .. Step6Answer(authorize, answer, context), .. Enumerable.Range(7, 4).Select(s => Steps.Missing(s, $"step {s}", "the IdP answered the authorization request at step 6 without a login page"))];
        }

        return [.. Step5(authorize, context), .. Step6(authorize), .. Steps7And8(trace, authorize), .. Step9(trace), .. Step10(trace, authorize, context)];
    }

    private static IEnumerable<Check> Step5(Exchange e, WalkContext context)
    {
        var p = e.Query;
        var expectedCallback = $"{context.Broker.RealmUrl}/broker/{context.IdpAlias}/endpoint";
        var checks = new List<Check>
        {
            Steps.Observed(5, e, "authorization request to the IdP"),
            ClientId.Judge(
                context.IdpBrokerClientId is null ? !string.IsNullOrEmpty(p.GetValueOrDefault("client_id")) : p.GetValueOrDefault("client_id") == context.IdpBrokerClientId,
                p.GetValueOrDefault("client_id") ?? "missing",
                expected: context.IdpBrokerClientId ?? "present"),
            ResponseType.Judge(p.GetValueOrDefault("response_type") == "code", p.GetValueOrDefault("response_type") ?? "missing"),
            RedirectUri.Judge(string.Equals(p.GetValueOrDefault("redirect_uri"), expectedCallback, StringComparison.Ordinal),
                p.GetValueOrDefault("redirect_uri") ?? "missing",
                expected: expectedCallback),
            ScopeOpenid.Judge(Step03To04AuthRequest.Scopes(p).Contains("openid"), p.GetValueOrDefault("scope") ?? "missing"),
            Step5State.Judge(!string.IsNullOrEmpty(p.GetValueOrDefault("state")), p.GetValueOrDefault("state") ?? "missing"),
        };
        return checks.Select(c => c.WithExchanges(e.Id));
    }

    private static IEnumerable<Check> Step6(Exchange e)
    {
        // The diagram says 303; another redirect works in browsers but is not what was drawn.
        var verdict = e.Status == 303 ? Verdict.Pass : e.IsRedirect ? Verdict.Warn : Verdict.Fail;
        yield return Step6Status.Give(verdict, Steps.StatusText(e)).WithExchanges(e.Id);
        if (e.Location is { } location)
        {
            yield return SameOriginRule.Judge(Urls.SameOrigin(location, e.Url), Urls.Origin(location), expected: e.Origin).WithExchanges(e.Id);
        }
    }

    /// <summary>The step (6 or 10) at which the IdP answered the broker with an error; null when it did not.</summary>
    public static int? RefusedAt(LoginTrace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        if (trace.IdpAuthorize is { } authorize && IdpAnswer(authorize) is { } answer)
        {
            return answer.ContainsKey("error") ? 6 : null;
        }

        return trace.IdpRedirect?.Location is { } location && Urls.QueryOf(location).ContainsKey("error") ? 10 : null;
    }

    /// <summary>Steps 11 and 12 after the IdP refused: the broker had nothing to federate (a skip pointing at the refusal).</summary>
    public static Check NotReached(int step, int refusedAt) =>
        Steps.Missing(step, step == 11 ? "identity federation" : "the broker's authentication response", $"the IdP refused the broker's request at step {refusedAt}");

    /// <summary>Step 5's response when it is already the IdP's answer (a redirect to step 5's redirect_uri, or an error page), else null.</summary>
    public static IReadOnlyDictionary<string, string>? IdpAnswer(Exchange authorize)
    {
        ArgumentNullException.ThrowIfNull(authorize);
        var callback = authorize.Query.GetValueOrDefault("redirect_uri");
        if (authorize.Location is { } location && callback is not null && Urls.WithoutQuery(location) == callback)
        {
            return Urls.QueryOf(location);
        }

        return authorize.Status >= 400 ? ErrorBody(authorize) : null;
    }

    // RFC 6749 §4.1.2.1: the IdP refused the broker's request; report its own words and the likely fix.
    private static IEnumerable<Check> Step6Answer(Exchange e, IReadOnlyDictionary<string, string> answer, WalkContext context)
    {
        var error = answer.GetValueOrDefault("error");
        var description = answer.GetValueOrDefault("error_description");
        var observed = error is null
            ? $"{Steps.StatusText(e)} (no login page, and no error: the IdP answered at once)"
            : $"error={error}{(description is null ? "" : $": {description}")} ({Steps.StatusText(e)})";
        // An error is a refusal (fail); a code at once (the IdP's own session) is not what the diagram draws (warn).
        yield return IdpError.Give(error is null ? Verdict.Warn : Verdict.Fail, observed)
            .WithFix(error is null ? "" : IdpErrorAdvice.Fix(error, description, context.IdpAlias))
            .WithExchanges(e.Id);
    }

    private static Dictionary<string, string> ErrorBody(Exchange e)
    {
        var body = e.ResponseBody ?? "";
        try
        {
            if (System.Text.Json.Nodes.JsonNode.Parse(body) is System.Text.Json.Nodes.JsonObject json && Tokens.DecodedJwt.Text(json, "error") is { } error)
            {
                return new Dictionary<string, string>(StringComparer.Ordinal) { ["error"] = error, ["error_description"] = Tokens.DecodedJwt.Text(json, "error_description") ?? "" };
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // An HTML error page: its text is the description.
        }

        var text = System.Text.RegularExpressions.Regex.Replace(body, "<[^>]*>", " ");
        return new Dictionary<string, string>(StringComparer.Ordinal) { ["error"] = $"HTTP {e.Status}", ["error_description"] = Steps.Excerpt(string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), 200) };
    }

    private static IEnumerable<Check> Steps7And8(LoginTrace trace, Exchange authorize)
    {
        var page = trace.IdpLoginPage;
        if (page is null)
        {
            yield return Steps.Missing(7, $"GET {authorize.Location ?? "the IdP login page"}", "the browser did not load the IdP's login page");
            yield return Steps.Missing(8, "200 credential form", "no response: step 7 not observed");
            yield break;
        }

        yield return Steps.Observed(7, page, "GET of the IdP login page");
        var followed = page.Method == "GET" && (authorize.Location is null || Urls.WithoutQuery(authorize.Location) == page.Endpoint);
        yield return FollowsRedirect.Judge(followed,
            $"{page.Method} {page.Url}",
            expected: $"GET {authorize.Location}").WithExchanges(page.Id);
        yield return Step8Status.Judge(page.Status == 200, Steps.StatusText(page)).WithExchanges(page.Id);
        var body = page.ResponseBody ?? "";
        var form = body.Contains("<form", StringComparison.OrdinalIgnoreCase) && body.Contains("password", StringComparison.OrdinalIgnoreCase);
        yield return CredentialForm.Judge(page.Status == 200 && form,
            page.ResponseBody is null ? "no body recorded" : form ? "form found" : "no form with a password field").WithExchanges(page.Id);
    }

    private static IEnumerable<Check> Step9(LoginTrace trace)
    {
        if (trace.Credentials.Count == 0)
        {
            yield return Steps.Missing(9, "the credentials submitted to the IdP", "no request to the IdP after its login page");
            yield break;
        }

        var first = trace.Credentials[0];
        yield return Steps.Observed(9, first, "credentials submission");
        yield return Method.Judge(trace.Credentials.All(c => c.Method is "GET" or "POST"),
            string.Join(", ", trace.Credentials.Select(c => c.Method))).WithExchanges([.. trace.Credentials.Select(c => (int?)c.Id)]);
    }

    private static IEnumerable<Check> Step10(LoginTrace trace, Exchange authorize, WalkContext context)
    {
        var e = trace.IdpRedirect;
        if (e is null)
        {
            var last = trace.Credentials.Count > 0 ? trace.Credentials[^1] : null;
            yield return Steps.Missing(10, $"302/303 to {authorize.Query.GetValueOrDefault("redirect_uri")}", last is null ? "no response" : $"last IdP response: {Steps.StatusText(last)}");
            yield break;
        }

        var location = e.Location!;
        var query = Urls.QueryOf(location);
        yield return Step10Status.Judge(e.Status is 302 or 303, Steps.StatusText(e)).WithExchanges(e.Id);
        var error = query.GetValueOrDefault("error");
        yield return NoError.Judge(error is null,
            error is null ? "no error" : $"error={error}{(query.GetValueOrDefault("error_description") is { } d ? $": {d}" : "")}")
            .WithFix(error is null ? "" : IdpErrorAdvice.Fix(error, query.GetValueOrDefault("error_description"), context.IdpAlias)).WithExchanges(e.Id);
        yield return Code.Judge(!string.IsNullOrEmpty(query.GetValueOrDefault("code")),
            query.GetValueOrDefault("code") ?? "missing").WithExchanges(e.Id);
        // RFC 6749 §4.1.2: state exactly as the client sent it — compared on the raw bytes.
        var sent = Urls.RawParameter(Urls.QueryString(authorize.Url), "state");
        var back = Urls.RawParameter(Urls.QueryString(location), "state");
        yield return Step10State.Judge(sent is not null && Urls.ParseForm("s=" + sent)["s"] == Urls.ParseForm("s=" + (back ?? ""))["s"],
            back ?? "missing",
            expected: sent ?? "(step 5 sent none)").WithExchanges(authorize.Id, e.Id);
    }
}
