namespace PbenchAuthSpec.SpecTests.Trace;

/// <summary>
/// Finds the diagram's numbered steps among the browser's exchanges of one login, by the
/// protocol's own landmarks (the broker's authorization endpoint, the redirect URIs each side
/// names, the token endpoint) rather than by position, so extra hops (keycloak-js iframes, the
/// <c>prompt=none</c> round trip, the broker's <c>/broker/{alias}/login</c>) stay unnumbered.
/// </summary>
public static class StepAssigner
{
    public static LoginTrace Assign(IReadOnlyList<Exchange> exchanges, StepAssignerOptions options)
    {
        ArgumentNullException.ThrowIfNull(exchanges);
        ArgumentNullException.ThrowIfNull(options);
        var all = exchanges.Where(e => e.Source == "browser").OrderBy(e => e.Id).ToList();
        var authorization = all.Where(e => Same(e.Endpoint, options.AuthorizationEndpoint)).ToList();
        var auth = authorization.FirstOrDefault(e => e.Query.GetValueOrDefault("prompt") != "none");
        var config = all.LastOrDefault(e => Same(e.Endpoint, options.ConfigEndpoint) && e.Method == "GET" && (auth is null || e.Id < auth.Id));
        var silent = authorization.Where(e => e.Query.GetValueOrDefault("prompt") == "none").ToList();
        var trace = new LoginTrace { All = exchanges, Config = config, AuthRequest = auth, CompletingAuthRequest = auth, SilentAuthRequests = silent };
        if (auth is null)
        {
            return trace;
        }

        var idpAuthorize = all.FirstOrDefault(e => e.Id > auth.Id && IsAuthorizationRequest(e) && !Same(e.Endpoint, options.AuthorizationEndpoint));
        trace = trace with { IdpAuthorize = idpAuthorize, TokenRequest = TokenRequest(all, auth, options) };
        trace = idpAuthorize is null ? trace : AssignIdp(all, trace, idpAuthorize);
        return Pair(all, trace, authorization);
    }

    // A dashboard may send several authorization requests in one login (keycloak-js's check-sso, a
    // route guard that drops a response and recovers silently): the token request redeems the code
    // of one response (code → response → request), and steps 12, 15 and 16 are judged against that
    // pair; a response whose code is never redeemed was abandoned.
    private static LoginTrace Pair(List<Exchange> all, LoginTrace trace, List<Exchange> authorization)
    {
        if (trace.TokenRequest?.Form.GetValueOrDefault("code") is not { } code)
        {
            return trace;
        }

        var responses = Responses(all, authorization).Where(r => r.Code is not null).ToList();
        var redeemed = responses.FirstOrDefault(r => r.Code == code);
        if (redeemed is null)
        {
            return trace;
        }

        trace = trace with
        {
            CompletingAuthRequest = redeemed.Request,
            AbandonedResponses = [.. responses.Where(r => r.Code != code)],
        };
        if (redeemed.Response.Id == trace.BrokerRedirect?.Id)
        {
            return trace;
        }

        var redirectUri = Urls.WithoutQuery(redeemed.Request.Parameters.GetValueOrDefault("redirect_uri") ?? "");
        var load = all.FirstOrDefault(e => e.RedirectedFrom == redeemed.Response.Id)
            ?? all.FirstOrDefault(e => e.Id > redeemed.Response.Id && IsDocument(e) && Same(e.Endpoint, redirectUri));
        return trace with { BrokerRedirect = redeemed.Response, DashboardLoad = load };
    }

    // Every redirect back to a redirect_uri one of the authorization requests named, paired with the
    // request whose state it carries (else the last request before it).
    private static IEnumerable<AuthorizationResponse> Responses(List<Exchange> all, List<Exchange> authorization)
    {
        var redirectUris = authorization.Select(a => a.Parameters.GetValueOrDefault("redirect_uri")).OfType<string>().Select(Urls.WithoutQuery).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var e in all.Where(e => e.IsRedirect && e.Location is { } l && redirectUris.Contains(Urls.WithoutQuery(l))))
        {
            var before = authorization.Where(a => a.Id <= e.Id).ToList();
            var request = before.LastOrDefault(a => a.Parameters.GetValueOrDefault("state") is { } state && new AuthorizationResponse(e, a).Parameters.GetValueOrDefault("state") == state)
                ?? before.LastOrDefault();
            if (request is not null)
            {
                yield return new AuthorizationResponse(e, request);
            }
        }
    }

    private static LoginTrace AssignIdp(List<Exchange> all, LoginTrace trace, Exchange idpAuthorize)
    {
        var brokerCallback = idpAuthorize.Query.GetValueOrDefault("redirect_uri") ?? "";
        if (idpAuthorize.Location is { } answer && brokerCallback.Length > 0 && Same(Urls.WithoutQuery(answer), brokerCallback))
        {
            // The IdP answered step 5 at once (an error, or a code from its own session): no login page, no step 7–10.
            return AssignBroker(all, trace, idpAuthorize, brokerCallback);
        }

        var idpOrigin = idpAuthorize.Origin;
        var loginPage = all.FirstOrDefault(e => e.RedirectedFrom == idpAuthorize.Id)
            ?? all.FirstOrDefault(e => e.Id > idpAuthorize.Id && e.Origin == idpOrigin && e.Method == "GET" && IsDocument(e));
        var after = loginPage?.Id ?? idpAuthorize.Id;
        var documents = all.Where(e => e.Id > after && e.Origin == idpOrigin && IsDocument(e)).ToList();
        var redirect = documents.FirstOrDefault(e => e.Location is { } l && brokerCallback.Length > 0 && Same(Urls.WithoutQuery(l), brokerCallback));
        var credentials = redirect is null ? documents : documents.Where(e => e.Id <= redirect.Id).ToList();
        trace = trace with { IdpLoginPage = loginPage, Credentials = credentials, IdpRedirect = redirect };
        return redirect is null ? trace : AssignBroker(all, trace, redirect, brokerCallback);
    }

    private static LoginTrace AssignBroker(List<Exchange> all, LoginTrace trace, Exchange idpRedirect, string brokerCallback)
    {
        var endpoint = all.FirstOrDefault(e => e.RedirectedFrom == idpRedirect.Id)
            ?? all.FirstOrDefault(e => e.Id > idpRedirect.Id && Same(e.Endpoint, brokerCallback));
        var clientRedirectUri = trace.AuthRequest!.Parameters.GetValueOrDefault("redirect_uri") ?? "";
        if (endpoint is null || clientRedirectUri.Length == 0)
        {
            return trace with { BrokerEndpoint = endpoint };
        }

        var brokerOrigin = endpoint.Origin;
        var brokerRedirect = all.FirstOrDefault(e => e.Id >= endpoint.Id && e.Origin == brokerOrigin && e.Location is { } l && Same(Urls.WithoutQuery(l), Urls.WithoutQuery(clientRedirectUri)));
        var dashboard = brokerRedirect is null
            ? null
            : all.FirstOrDefault(e => e.RedirectedFrom == brokerRedirect.Id)
                ?? all.FirstOrDefault(e => e.Id > brokerRedirect.Id && IsDocument(e) && Same(e.Endpoint, Urls.WithoutQuery(clientRedirectUri)));
        return trace with { BrokerEndpoint = endpoint, BrokerRedirect = brokerRedirect, DashboardLoad = dashboard };
    }

    private static Exchange? TokenRequest(List<Exchange> all, Exchange auth, StepAssignerOptions options) =>
        all.FirstOrDefault(e => e.Id > auth.Id && e.Method == "POST" && Same(e.Endpoint, options.TokenEndpoint) && e.Form.GetValueOrDefault("grant_type") is "authorization_code" or null);

    private static bool IsAuthorizationRequest(Exchange e) =>
        e.Query.ContainsKey("response_type") && e.Query.ContainsKey("client_id") && e.Query.ContainsKey("redirect_uri");

    private static bool IsDocument(Exchange e) => e.ResourceType is null or "document";

    private static bool Same(string a, string b) => string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
