using System.Text.Json.Nodes;
using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Tests;

/// <summary>The browser's exchanges of a <see cref="SyntheticLogin"/>, with the unnumbered hops a Keycloak-shaped broker adds.</summary>
internal static class SyntheticExchanges
{
    public static IReadOnlyList<Exchange> Build(SyntheticLogin s)
    {
        var list = new List<Exchange>();
        void Add(string role, Exchange e)
        {
            var edited = s.Edit.TryGetValue(role, out var edit) ? edit(e) : e;
            if (edited is not null)
            {
                list.Add(edited);
            }
        }

        var html = Headers(("Content-Type", "text/html; charset=utf-8"));
        var authUrl = $"{SyntheticLogin.Realm}/protocol/openid-connect/auth?{Query(s.AuthQuery)}";
        var idpUrl = $"{SyntheticLogin.Idp}/authorize?{Query(s.IdpQuery)}";
        var brokerRedirect = SyntheticLogin.RedirectUri + (s.AuthQuery.GetValueOrDefault("response_mode") == "fragment" ? "#" : "?") + Query(s.BrokerRedirectParameters);
        Add("asset", new Exchange { Id = 1, Url = SyntheticLogin.Target + "/dashboard/", Status = 200, ResourceType = "document", ResponseHeaders = html, ResponseBody = "<button id=login>" });
        Add("config", new Exchange { Id = 2, Url = SyntheticLogin.Target + "/api/v1/endpoints", Status = 200, ResourceType = "fetch", ResponseHeaders = Headers(("Content-Type", "application/json")), ResponseBody = s.ConfigBody });
        var loginRequired = SyntheticLogin.RedirectUri + (s.AuthQuery.GetValueOrDefault("response_mode") == "fragment" ? "#" : "?") + "error=login_required&state=" + Uri.EscapeDataString(s.AuthQuery.GetValueOrDefault("state") ?? "");
        Add("prompt-none", new Exchange { Id = 3, Url = authUrl + "&prompt=none", Status = 302, ResourceType = "document", ResponseHeaders = Headers(("Location", loginRequired)) });
        Add("auth", new Exchange { Id = 4, Url = authUrl, Status = 200, ResourceType = "document", ResponseHeaders = Headers(("Content-Type", "text/html"), ("Set-Cookie", "AUTH_SESSION_ID=abc; Path=/")), ResponseBody = "<div id=\"kc-social-providers\"><a id=\"social-mockidp\" href=\"/x\">MockIdp</a></div>" });
        Add("broker-login", new Exchange { Id = 5, Url = SyntheticLogin.Realm + "/broker/mockidp/login?client_id=pbench-client", Status = 302, ResourceType = "document", ResponseHeaders = Headers(("Location", idpUrl)) });
        Add("idp-authorize", new Exchange { Id = 6, Url = idpUrl, Status = 303, ResourceType = "document", RedirectedFrom = 5, ResponseHeaders = Headers(("Location", SyntheticLogin.Idp + "/login?tx=1")) });
        Add("idp-login", new Exchange { Id = 7, Url = SyntheticLogin.Idp + "/login?tx=1", Status = 200, ResourceType = "document", RedirectedFrom = 6, ResponseHeaders = html, ResponseBody = "<form id=\"login-form\"><input id=\"username\"><input type=\"password\" id=\"password\"></form>" });
        Add("favicon", new Exchange { Id = 8, Url = SyntheticLogin.Idp + "/favicon.ico", Status = 404, ResourceType = "other" });
        Add("credentials", new Exchange { Id = 9, Method = "POST", Url = SyntheticLogin.Idp + "/login", RequestBody = "tx=1&username=alice&password=alice-password", Status = 303, ResourceType = "document", ResponseHeaders = Headers(("Location", SyntheticLogin.Idp + "/consent?tx=1")) });
        Add("consent-page", new Exchange { Id = 10, Url = SyntheticLogin.Idp + "/consent?tx=1", Status = 200, ResourceType = "document", RedirectedFrom = 9, ResponseHeaders = html, ResponseBody = "<form id=consent-form>" });
        Add("idp-redirect", new Exchange { Id = 11, Method = "POST", Url = SyntheticLogin.Idp + "/consent", RequestBody = "tx=1&allow=yes", Status = 302, ResourceType = "document", ResponseHeaders = Headers(("Location", SyntheticLogin.BrokerCallback + "?" + Query(s.IdpRedirectQuery))) });
        Add("broker-endpoint", new Exchange { Id = 12, Url = SyntheticLogin.BrokerCallback + "?" + Query(s.IdpRedirectQuery), Status = 302, ResourceType = "document", RedirectedFrom = 11, ResponseHeaders = Headers(("Location", brokerRedirect)) });
        Add("dashboard", new Exchange { Id = 13, Url = Urls.WithoutFragment(brokerRedirect), Status = 200, ResourceType = "document", RedirectedFrom = 12, ResponseHeaders = html, ResponseBody = "<div id=status>" });
        Add("iframe", new Exchange { Id = 14, Url = SyntheticLogin.Realm + "/protocol/openid-connect/login-status-iframe.html", Status = 200, ResourceType = "document", ResponseHeaders = html });
        Add("token", new Exchange
        {
            Id = 15, Method = "POST", Url = SyntheticLogin.Realm + "/protocol/openid-connect/token", ResourceType = "fetch",
            RequestHeaders = Headers(("Content-Type", "application/x-www-form-urlencoded"), ("Origin", SyntheticLogin.Target)), RequestBody = Query(s.TokenForm),
            Status = 200, ResponseHeaders = Headers(("Content-Type", "application/json"), ("Cache-Control", "no-store"), ("Access-Control-Allow-Origin", SyntheticLogin.Target)),
            ResponseBody = s.TokenResponse(TokenBody(s)).ToJsonString(),
        });
        return [.. list.Concat(s.Extra).OrderBy(e => e.Id)];
    }

    public static JsonObject TokenBody(SyntheticLogin s) => new()
    {
        ["access_token"] = s.AccessToken, ["expires_in"] = 300, ["refresh_expires_in"] = 1800,
        ["refresh_token"] = SyntheticKeys.Sign(new JsonObject { ["typ"] = "Refresh", ["sub"] = "u-1", ["iss"] = SyntheticLogin.Realm }),
        ["token_type"] = "Bearer", ["id_token"] = s.SignId(s.IdClaims), ["not-before-policy"] = 0, ["session_state"] = "sid-1", ["scope"] = "openid email profile",
    };

    public static string Query(IReadOnlyDictionary<string, string> values) =>
        string.Join("&", values.Select(v => $"{Uri.EscapeDataString(v.Key)}={Uri.EscapeDataString(v.Value)}"));

    public static string WithParameter(string url, string name, string? value)
    {
        var query = new Dictionary<string, string>(Urls.QueryOf(url));
        if (value is null)
        {
            query.Remove(name);
        }
        else
        {
            query[name] = value;
        }

        return Urls.WithoutQuery(url) + (query.Count > 0 ? "?" + Query(query) : "");
    }

    private static Dictionary<string, string> Headers(params (string Name, string Value)[] headers) =>
        headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase);
}
