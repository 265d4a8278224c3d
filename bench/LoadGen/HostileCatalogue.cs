using System.Text;

namespace PbenchAuthSpec.LoadGen;

/// <summary>
/// Malformed and hostile traffic for the soak: bad and duplicated parameters, huge values, bad
/// Basic headers, non-UTF-8, garbage JWTs, wrong redirect URIs and random paths, at both servers.
/// Every one must get an answer below 500, and none may redirect to the attacker's URI.
/// </summary>
public static class HostileCatalogue
{
    private const string Garbage = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.bm90LWEtc2lnbmF0dXJl";
    private const string AlgNone = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJhZG1pbiIsInByZWZlcnJlZF91c2VybmFtZSI6ImFkbWluIn0.";

    // What a page on another site would post to take the admin API over (it must never be added).
    private const string NeverMatching = """{"Request":{"Path":"/never/hostile"},"Response":{"StatusCode":200,"Headers":{"Content-Type":"text/html"},"Body":"<script>fetch('/__admin/requests')</script>"}}""";

    private static readonly string Huge = new('A', 12 * 1024);
    private static readonly string TooLong = new('B', 40 * 1024);

    public static IReadOnlyList<HostileCase> All { get; } = [.. Broker(), .. Idp(), .. Both()];

    private static IEnumerable<HostileCase> Broker() =>
    [
        Get("broker auth without parameters", t => t.Oidc("auth")),
        Get("broker auth with client_id twice", t => new Uri($"{t.Oidc("auth")}?client_id=pbench-client&client_id=pbench-automation&response_type=code&redirect_uri={Esc(t.RedirectUri)}&scope=openid")),
        Get("broker auth with a foreign redirect_uri", t => new Uri($"{t.Oidc("auth")}?client_id=pbench-client&response_type=code&redirect_uri={Esc(HostileTarget.Evil)}&scope=openid&state=s")),
        Get("broker auth with a redirect_uri prefix trick", t => new Uri($"{t.Oidc("auth")}?client_id=pbench-client&response_type=code&redirect_uri={Esc(t.RedirectUri + "/../../evil")}&scope=openid&state=s")),
        Get("broker auth with an unknown client", t => new Uri($"{t.Oidc("auth")}?client_id=nobody&response_type=code&redirect_uri={Esc(t.RedirectUri)}&scope=openid")),
        Get("broker auth with a 12 KiB state", t => new Uri($"{t.Oidc("auth")}?client_id=pbench-client&response_type=code&redirect_uri={Esc(t.RedirectUri)}&scope=openid&state={Huge}")),
        Get("broker auth with non-UTF-8 state", t => new Uri($"{t.Oidc("auth")}?client_id=pbench-client&response_type=code&redirect_uri={Esc(t.RedirectUri)}&scope=openid&state=%FF%FE%C3%28")),
        Get("broker auth with code_challenge_method=plain", t => new Uri($"{t.Oidc("auth")}?client_id=pbench-client&response_type=code&redirect_uri={Esc(t.RedirectUri)}&scope=openid&code_challenge=abc&code_challenge_method=plain")),
        Form("broker token without grant_type", t => t.Oidc("token"), "client_id=pbench-client"),
        Form("broker token with grant_type twice", t => t.Oidc("token"), "grant_type=client_credentials&grant_type=password&client_id=pbench-client"),
        Form("broker token with a garbage code", t => t.Oidc("token"), $"grant_type=authorization_code&client_id=pbench-client&code=not-a-code&redirect_uri=x&code_verifier={new string('v', 43)}"),
        Form("broker token with a non-UTF-8 form", t => t.Oidc("token"), "grant_type=password&client_id=pbench-client&username=%FF%FE&password=%C3%28"),
        Form("broker token with a 600 KiB value", t => t.Oidc("token"), "grant_type=password&client_id=pbench-client&username=" + new string('u', 600 * 1024)),
        Form("broker token with a 2 MiB body", t => t.Oidc("token"), "grant_type=password&client_id=" + new string('c', 2 * 1024 * 1024)) with { MayClose = true },
        Form("broker token with Basic not base64", t => t.Oidc("token"), "grant_type=client_credentials", "Basic !!!not*base64"),
        Form("broker token with Basic without a colon", t => t.Oidc("token"), "grant_type=client_credentials", "Basic " + B64("pbench-automation")),
        Form("broker token with a wrong secret", t => t.Oidc("token"), "grant_type=client_credentials", "Basic " + B64("pbench-automation:wrong")),
        Form("broker token with non-UTF-8 Basic", t => t.Oidc("token"), "grant_type=client_credentials", "Basic " + Convert.ToBase64String([0xFF, 0xFE, 0x3A, 0xC3, 0x28])),
        Form("broker token with Basic and client_id for another client", t => t.Oidc("token"), "grant_type=client_credentials&client_id=pbench-client", "Basic " + B64("pbench-automation:pbench-automation-secret")),
        Json("broker token with a JSON body", t => t.Oidc("token"), """{"grant_type":"client_credentials"}"""),
        Form("broker token with a garbage refresh token", t => t.Oidc("token"), $"grant_type=refresh_token&client_id=pbench-client&refresh_token={Garbage}"),
        Bearer("broker userinfo with a garbage JWT", t => t.Oidc("userinfo"), Garbage),
        Bearer("broker userinfo with alg none", t => t.Oidc("userinfo"), AlgNone),
        Bearer("broker userinfo with a 12 KiB token", t => t.Oidc("userinfo"), Huge),
        Bearer("broker userinfo with three dots", t => t.Oidc("userinfo"), "..."),
        Get("broker endpoint with a forged state", t => t.Broker_("/realms/pbench-server/broker/mockidp/endpoint?code=forged&state=forged.tab.pbench-client")),
        Get("broker endpoint without parameters", t => t.Broker_("/realms/pbench-server/broker/mockidp/endpoint")),
        Get("broker login hop with garbage", t => t.Broker_("/realms/pbench-server/broker/mockidp/login?client_id=pbench-client&tab_id=%00&session_code=x")),
        Get("broker logout with a garbage id_token_hint", t => new Uri($"{t.Oidc("logout")}?id_token_hint={Garbage}&post_logout_redirect_uri={Esc(HostileTarget.Evil)}")),
        Form("broker login-actions with garbage", t => t.Broker_("/realms/pbench-server/login-actions/authenticate?session_code=x&tab_id=y"), "username=bob&password=bob-password"),
        Bearer("broker admin API with a garbage token", t => t.Broker_("/admin/realms/pbench-server/users?username=bob"), Garbage),
        Get("broker admin API without a token", t => t.Broker_("/admin/realms/pbench-server/users")),
        Get("broker unknown realm", t => t.Broker_("/realms/no-such-realm/.well-known/openid-configuration")),
        Get("broker auth with a non-ASCII redirect_uri inside the wildcard", t => new Uri($"{t.Oidc("auth")}?client_id=pbench-client&response_type=code&redirect_uri={Esc(t.RedirectUri + "/\u00fc")}&scope=openid%20bogus&state=s")),
        Get("broker auth with an attacker-chosen AUTH_SESSION_ID", t => new Uri($"{t.Oidc("auth")}?client_id=pbench-client&response_type=code&redirect_uri={Esc(t.RedirectUri)}&scope=openid"), ("Cookie", "AUTH_SESSION_ID=attacker-chosen-id")),
        Form("broker token with a percent-encoded password name", t => t.Oidc("token"), "grant_type=password&client_id=pbench-client&username=bob&pass%77ord=wrong"),
        Json("broker test hook sent as text/plain", t => t.Broker_("/__admin/broker/realms/pbench-server/lifetimes"), """{"accessToken":1}""", "text/plain") with { Expect = 415 },
        Json("broker admin mapping from another site", t => t.Broker_("/__admin/mappings"), NeverMatching, headers: ("Origin", "https://evil.example")) with { Expect = 403 },
        Get("broker journal under a foreign Host", t => t.Broker_("/__admin/requests"), ("Host", "rebind.evil.example")) with { Expect = 421 },
    ];

    private static IEnumerable<HostileCase> Idp() =>
    [
        Get("idp authorize without parameters", t => t.Idp_("/authorize")),
        Get("idp authorize with a foreign redirect_uri", t => t.Idp_($"/authorize?client_id=pbench-broker&response_type=code&scope=openid&state=s&redirect_uri={Esc(HostileTarget.Evil)}")),
        Get("idp authorize with client_id twice", t => t.Idp_("/authorize?client_id=pbench-broker&client_id=x&response_type=code&scope=openid")),
        Get("idp authorize with non-UTF-8", t => t.Idp_("/authorize?client_id=%FF%FE&response_type=code&scope=openid")),
        Form("idp login with an unknown transaction", t => t.Idp_("/login"), "tx=forged&username=alice&password=alice-password"),
        Form("idp login with a 600 KiB password", t => t.Idp_("/login"), "tx=forged&username=alice&password=" + new string('p', 600 * 1024)),
        Form("idp consent with an unknown transaction", t => t.Idp_("/consent"), "tx=forged&decision=allow"),
        Get("idp login page with a garbage transaction", t => t.Idp_("/login?tx=%00%FF")),
        Form("idp token with a garbage code", t => t.Idp_("/token"), "grant_type=authorization_code&code=forged&redirect_uri=x", "Basic " + B64("pbench-broker:pbench-broker-secret")),
        Form("idp token with a wrong secret", t => t.Idp_("/token"), "grant_type=authorization_code&code=forged", "Basic " + B64("pbench-broker:wrong")),
        Form("idp token with Basic not base64", t => t.Idp_("/token"), "grant_type=authorization_code&code=forged", "Basic %%%"),
        Form("idp token with grant_type twice", t => t.Idp_("/token"), "grant_type=authorization_code&grant_type=refresh_token", "Basic " + B64("pbench-broker:pbench-broker-secret")),
        Bearer("idp userinfo with a garbage JWT", t => t.Idp_("/userinfo"), Garbage),
        Bearer("idp userinfo with alg none", t => t.Idp_("/userinfo"), AlgNone),
        Json("idp admin mapping sent as text/plain", t => t.Idp_("/__admin/mappings"), NeverMatching, "text/plain") with { Expect = 415 },
        Get("idp discovery under a foreign Host", t => t.Idp_("/.well-known/openid-configuration"), ("Host", "rebind.evil.example")) with { Expect = 421 },
    ];

    private static IEnumerable<HostileCase> Both() =>
    [
        Get("broker random path", t => t.Broker_($"/realms/pbench-server/{Guid.NewGuid():N}/x")),
        Get("broker dot-dot path", t => t.Broker_("/realms/%2e%2e/%2e%2e/etc/passwd")),
        Get("idp random path", t => t.Idp_($"/{Guid.NewGuid():N}?{Guid.NewGuid():N}")),
        Get("broker 40 KiB URL", t => t.Broker_($"/realms/pbench-server/protocol/openid-connect/auth?x={TooLong}")),
        new("broker DELETE on certs", t => new HttpRequestMessage(HttpMethod.Delete, t.Oidc("certs"))),
        new("idp PUT on token", t => new HttpRequestMessage(HttpMethod.Put, t.Idp_("/token")) { Content = new StringContent("x") }),
    ];

    private static HostileCase Get(string name, Func<HostileTarget, Uri> url, params (string Name, string Value)[] headers) => new(name, t =>
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url(t));
        foreach (var (header, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        return request;
    });

    private static HostileCase Form(string name, Func<HostileTarget, Uri> url, string body, string? authorization = null) => new(name, t =>
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url(t))
        {
            Content = new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded"),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return request;
    });

    private static HostileCase Json(string name, Func<HostileTarget, Uri> url, string body, string contentType = "application/json", params (string Name, string Value)[] headers) => new(name, t =>
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url(t)) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        foreach (var (header, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        return request;
    });

    private static HostileCase Bearer(string name, Func<HostileTarget, Uri> url, string token) => new(name, t =>
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url(t));
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
        return request;
    });

    private static string Esc(string value) => Uri.EscapeDataString(value);

    private static string B64(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
}
