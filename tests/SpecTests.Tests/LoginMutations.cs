using System.Text.Json.Nodes;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Trace;
using static PbenchAuthSpec.SpecTests.Tests.SyntheticExchanges;

namespace PbenchAuthSpec.SpecTests.Tests;

/// <summary>Steps 1–10: for every check, a bad exchange it must catch.</summary>
internal static class LoginMutations
{
    private const Verdict Warn = Verdict.Warn;

    public static IEnumerable<Mutation> Steps1To10() =>
    [
        new("s1.observed", "no config request", s => s.Edit["config"] = _ => null),
        new("s1.no-credentials", "the dashboard sends a token to the config endpoint", s => s.Edit["config"] = e => e with { RequestHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer x" } }),
        new("s2.status", "config answers 500", s => s.Edit["config"] = e => e with { Status = 500 }),
        new("s2.json", "config is not JSON", s => s.ConfigBody = "<html>"),
        new("s2.openid-keys", "openid.realm missing", s => s.ConfigBody = $$$"""{"openid":{"server":"{{{SyntheticLogin.BrokerBase}}}","client":"pbench-client"}}"""),
        new("s2.auth-uri-broker", "openid.server names another broker", s => s.ConfigBody = """{"openid":{"server":"http://elsewhere","realm":"pbench-server","client":"pbench-client"}}"""),
        new("s2.no-secret", "a client secret is served", s => s.ConfigBody = s.ConfigBody.Replace("\"client\":", "\"client_secret\":\"s3cret\",\"client\":", StringComparison.Ordinal), Warn),
        new("s2.auth-uri", "diagram profile without identity_broker_auth_uri", s => { s.Profile = "diagram"; s.ConfigBody = """{"client_id":"pbench-client"}"""; }),
        new("s2.client-id", "diagram profile without client_id", s => { s.Profile = "diagram"; s.ConfigBody = $$"""{"identity_broker_auth_uri":"{{SyntheticLogin.Realm}}/protocol/openid-connect/auth"}"""; }),
        new("s3.observed", "no authentication request", s => s.Edit["auth"] = _ => null),
        new("s3.client-id", "another client_id", s => s.AuthQuery["client_id"] = "someone-else"),
        new("s3.response-type", "response_type=token", s => s.AuthQuery["response_type"] = "token"),
        new("s3.redirect-uri", "redirect_uri on another origin", s => s.AuthQuery["redirect_uri"] = "http://evil.example/dashboard/callback"),
        new("s3.scope-openid", "scope without openid", s => s.AuthQuery["scope"] = "profile email"),
        new("s3.state", "no state", s => s.AuthQuery.Remove("state"), Warn),
        new("s3.nonce", "no nonce", s => s.AuthQuery.Remove("nonce"), Warn),
        new("s3.pkce", "no PKCE", s => { s.AuthQuery.Remove("code_challenge"); s.AuthQuery.Remove("code_challenge_method"); }, Warn),
        new("s3.pkce", "code_challenge_method=plain", s => s.AuthQuery["code_challenge_method"] = "plain"),
        new("s3.response-mode", "response_mode=form_post", s => s.AuthQuery["response_mode"] = "form_post", Warn),
        new("s4.status", "the broker answers 400", s => s.Edit["auth"] = e => e with { Status = 400 }),
        new("s4.html", "the login page is JSON", s => s.Edit["auth"] = e => e with { ResponseHeaders = new Dictionary<string, string> { ["Content-Type"] = "application/json", ["Set-Cookie"] = "a=b" } }),
        new("s4.lists-idp", "no social-mockidp", s => s.Edit["auth"] = e => e with { ResponseBody = "<form id=kc-form-login>" }),
        new("s4.session-cookie", "no Set-Cookie", s => s.Edit["auth"] = e => e with { ResponseHeaders = new Dictionary<string, string> { ["Content-Type"] = "text/html" } }),
        new("s5.observed", "never at the IdP", s => { s.Edit["idp-authorize"] = _ => null; s.Edit["broker-login"] = _ => null; }),
        new("s5.client-id", "another client at the IdP", s => s.IdpQuery["client_id"] = "other-broker"),
        new("s5.response-type", "response_type=id_token", s => s.IdpQuery["response_type"] = "id_token"),
        new("s5.redirect-uri", "redirect_uri not the broker endpoint", s => s.IdpQuery["redirect_uri"] = SyntheticLogin.Realm + "/broker/other/endpoint"),
        new("s5.scope-openid", "scope without openid", s => s.IdpQuery["scope"] = "email"),
        new("s5.state", "no state to the IdP", s => s.IdpQuery.Remove("state")),
        new("s6.status", "302 instead of 303", s => s.Edit["idp-authorize"] = e => e with { Status = 302 }, Warn),
        new("s6.status", "200 instead of a redirect", s => s.Edit["idp-authorize"] = e => e with { Status = 200 }),
        new("s6.idp-error", "the IdP refuses at once (PKCE required)", s => s.Edit["idp-authorize"] = e => e with
        {
            ResponseHeaders = new Dictionary<string, string> { ["Location"] = SyntheticLogin.BrokerCallback + "?error=invalid_request&error_description=PKCE+required&state=broker-state.tab.pbench-client" },
        }),
        new("s6.same-origin", "redirect to another origin", s => s.Edit["idp-authorize"] = e => e with { ResponseHeaders = new Dictionary<string, string> { ["Location"] = "http://elsewhere/login?tx=1" } }),
        new("s7.observed", "login page never loaded", s => { s.Edit["idp-login"] = _ => null; s.Edit["credentials"] = _ => null; s.Edit["consent-page"] = _ => null; s.Edit["idp-redirect"] = _ => null; }),
        new("s7.follows-redirect", "a different page than the redirect named", s => s.Edit["idp-login"] = e => e with { Url = SyntheticLogin.Idp + "/other-login" }),
        new("s8.status", "login page answers 500", s => s.Edit["idp-login"] = e => e with { Status = 500 }),
        new("s8.credential-form", "no password field", s => s.Edit["idp-login"] = e => e with { ResponseBody = "<p>hello</p>" }),
        new("s9.observed", "no credentials sent", s => { s.Edit["credentials"] = _ => null; s.Edit["consent-page"] = _ => null; s.Edit["idp-redirect"] = _ => null; }),
        new("s9.method", "credentials by PUT", s => s.Edit["credentials"] = e => e with { Method = "PUT" }),
        new("s10.observed", "the IdP never redirects to the broker", s => s.Edit["idp-redirect"] = e => e with { ResponseHeaders = new Dictionary<string, string> { ["Location"] = SyntheticLogin.Idp + "/error" } }),
        new("s10.status", "307 redirect", s => s.Edit["idp-redirect"] = e => e with { Status = 307 }),
        new("s10.no-error", "error in the response", s => s.IdpRedirectQuery["error"] = "access_denied"),
        new("s10.code", "no code", s => s.IdpRedirectQuery.Remove("code")),
        new("s10.state", "state changed", s => s.IdpRedirectQuery["state"] = "broker-state.tab.other"),
    ];

    public static IEnumerable<Mutation> Steps11To15() =>
    [
        new("s11.observed", "never back at the broker", s => s.Edit["broker-endpoint"] = _ => null),
        new("s11.code-exchange", "two code exchanges", s => s.BackChannelExchanges = 2),
        new("s11.code-exchange", "no code exchange", s => s.BackChannelExchanges = 0),
        new("s11.idp-id-token", "the IdP's id_token has another nonce", s => s.IdpIdClaims["nonce"] = "other"),
        new("s11.idp-id-token", "the IdP's id_token is for another audience", s => s.IdpIdClaims["aud"] = "someone"),
        new("s11.idp-id-token", "the IdP's id_token signed by a foreign key", s => s.SignIdpId = c => SyntheticKeys.Sign(c, SyntheticKeys.Broker)),
        new("s11.user", "no broker user", s => s.BrokerUser = null),
        new("s11.user", "the broker user is named by the IdP's opaque sub, not the login user", s => s.BrokerUser = new JsonObject { ["id"] = "u-1", ["username"] = "d3aa385a91dd2afb" }),
        new("s11.federated-link", "no federated identity", s => s.Links = []),
        new("s11.federated-link", "link to another IdP subject", s => s.Links = new JsonArray(new JsonObject { ["identityProvider"] = "mockidp", ["userId"] = "someone", ["userName"] = "alice" })),
        new("s12.observed", "the broker never sends the browser back", s => s.Edit["broker-endpoint"] = e => e with { Status = 400, ResponseHeaders = new Dictionary<string, string>() }),
        new("s12.status", "303 instead of 302", s => s.Edit["broker-endpoint"] = e => e with { Status = 303 }, Verdict.Warn),
        new("s12.location", "the redirect_uri's own query is dropped", s => s.AuthQuery["redirect_uri"] = SyntheticLogin.RedirectUri + "?tab=1"),
        new("s12.response-mode", "fragment asked, query sent", s => { s.AuthQuery["response_mode"] = "fragment"; s.Edit["broker-endpoint"] = e => e with { ResponseHeaders = new Dictionary<string, string> { ["Location"] = SyntheticLogin.RedirectUri + "?" + Query(s.BrokerRedirectParameters) } }; }),
        new("s12.no-error", "error in the response", s => s.BrokerRedirectParameters["error"] = "server_error"),
        new("s12.code", "no code", s => s.BrokerRedirectParameters.Remove("code")),
        new("s12.state", "state not echoed", s => s.BrokerRedirectParameters["state"] = "other-state"),
        new("s12.silent-state", "the prompt=none answer drops state", s => s.Edit["prompt-none"] = e => e with { ResponseHeaders = new Dictionary<string, string> { ["Location"] = SyntheticLogin.RedirectUri + "?error=login_required" } }),
        new("s12.abandoned-response", "the code of step 3's response is never redeemed: the dashboard logs in through its prompt=none request", s =>
        {
            s.Edit["prompt-none"] = e => e with { ResponseHeaders = new Dictionary<string, string> { ["Location"] = SyntheticLogin.RedirectUri + "?code=silent-code&state=" + Uri.EscapeDataString(s.AuthQuery["state"]) } };
            s.TokenForm["code"] = "silent-code";
        }, Verdict.Warn),
        new("s12.session-state", "no session_state", s => s.BrokerRedirectParameters.Remove("session_state"), Verdict.Warn),
        new("s12.iss", "no iss", s => s.BrokerRedirectParameters.Remove("iss"), Verdict.Warn),
        new("s12.iss", "wrong iss", s => s.BrokerRedirectParameters["iss"] = "http://elsewhere/realms/x"),
        new("s13.observed", "the dashboard is never loaded", s => s.Edit["dashboard"] = _ => null),
        new("s13.location", "another URL than the Location", s => s.Edit["dashboard"] = e => e with { Url = SyntheticLogin.RedirectUri + "?code=other" }),
        new("s15.state-checked", "the dashboard takes a forged code", s => s.Probe = new DashboardProbe { TokenRequested = true, Observed = "sent" }),
        new("s14.status", "the dashboard answers 404", s => s.Edit["dashboard"] = e => e with { Status = 404 }),
        new("s14.html", "the dashboard is not HTML", s => s.Edit["dashboard"] = e => e with { ResponseHeaders = new Dictionary<string, string> { ["Content-Type"] = "text/plain" } }),
        new("s15.observed", "no token request", s => s.Edit["token"] = _ => null),
        new("s15.content-type", "a JSON token request", s => s.Edit["token"] = e => e with { RequestHeaders = new Dictionary<string, string> { ["Content-Type"] = "application/json" } }),
        new("s15.grant-type", "no grant_type", s => s.TokenForm.Remove("grant_type")),
        new("s15.code", "another code", s => s.TokenForm["code"] = "other-code"),
        new("s15.client-id", "no client_id", s => s.TokenForm.Remove("client_id")),
        new("s15.redirect-uri", "another redirect_uri", s => s.TokenForm["redirect_uri"] = SyntheticLogin.Target + "/dashboard/other"),
        new("s15.code-verifier", "a wrong verifier", s => s.TokenForm["code_verifier"] = "wrong-verifier-0123456789-0123456789-012345"),
        new("s15.no-secret", "a client secret from the browser", s => s.TokenForm["client_secret"] = "s3cret", Verdict.Warn),
        new("s15.cors", "no Access-Control-Allow-Origin", s => s.Edit["token"] = e => e with { ResponseHeaders = e.ResponseHeaders.Where(h => h.Key != "Access-Control-Allow-Origin").ToDictionary() }),
        new("s15.cors", "Access-Control-Allow-Origin: *", s => s.Edit["token"] = e => e with { ResponseHeaders = new Dictionary<string, string>(e.ResponseHeaders) { ["Access-Control-Allow-Origin"] = "*" } }, Verdict.Warn),
    ];

    internal static Exchange Without(Exchange e, string header) =>
        e with { ResponseHeaders = e.ResponseHeaders.Where(h => !string.Equals(h.Key, header, StringComparison.OrdinalIgnoreCase)).ToDictionary(StringComparer.OrdinalIgnoreCase) };
}
