using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.MockBroker.Tests.Support;
using PbenchAuthSpec.MockIdp;

namespace PbenchAuthSpec.MockBroker.Tests;

/// <summary>Issue 13, findings 4–6: what the broker's redirects, codes and login sessions do with hostile input.</summary>
public sealed class BrokerHardeningTests
{
    private const string NonAscii = $"{BrokerTestStack.Target}/dashboard/\u00fc";
    private const string NonAsciiOnTheWire = $"{BrokerTestStack.Target}/dashboard/%C3%BC";

    // Finding 4: a 500 "Invalid non-ASCII or control character in header" on all three redirects.
    [Test]
    public async Task A_non_ASCII_redirect_uri_inside_the_wildcard_is_percent_encoded_in_the_error_sso_and_logout_redirects()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        var request = new AuthRequest { RedirectUri = NonAscii };

        var error = await browser.GetAsync((request with { Scope = "openid bogus" }).Url(stack.RealmUrl));
        var login = await browser.LoginThroughIdpAsync(request);
        var code = BrokerBrowser.Parameters(login)["code"];
        var tokens = await browser.ExchangeAsync(request, code);
        var sso = await browser.GetAsync((request with { Extra = new Dictionary<string, string> { ["prompt"] = "none" } }).Url(stack.RealmUrl));
        var logout = await browser.GetAsync($"{stack.RealmUrl}/protocol/openid-connect/logout?id_token_hint={tokens["id_token"]}&post_logout_redirect_uri={Uri.EscapeDataString(NonAscii)}&state=bye");

        RawLocation(error).Should().StartWith(NonAsciiOnTheWire + "?error=invalid_scope&");
        RawLocation(login).Should().StartWith(NonAsciiOnTheWire + "?code=");
        RawLocation(sso).Should().StartWith(NonAsciiOnTheWire + "?code=");
        RawLocation(logout).Should().Be(NonAsciiOnTheWire + "?state=bye");
        tokens.Should().ContainKey("access_token", "the code is redeemed with the redirect URI as the client sent it");
    }

    [TestCase("%0D%0ASet-Cookie:%20x=1")]
    [TestCase("%00")]
    [TestCase("%7F")]
    public async Task A_redirect_uri_that_cannot_be_a_location_gets_the_400_page_never_a_500(string tail)
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        var redirect = $"{Uri.EscapeDataString(BrokerTestStack.Target + "/dashboard/")}{tail}";

        var auth = await browser.GetAsync($"{stack.RealmUrl}/protocol/openid-connect/auth?client_id=pbench-client&response_type=code&scope=openid%20bogus&state=s&redirect_uri={redirect}");
        var logout = await browser.GetAsync($"{stack.RealmUrl}/protocol/openid-connect/logout?client_id=pbench-client&post_logout_redirect_uri={redirect}");

        foreach (var response in new[] { auth, logout })
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            response.Content.Headers.ContentType!.MediaType.Should().Be("text/html", "a browser is told on the broker's page, not redirected");
            response.Headers.Location.Should().BeNull();
        }
    }

    [Test]
    public async Task MockIdp_answers_a_non_ASCII_redirect_uri_with_400_too()
    {
        await using var idp = await MockIdpServer.StartAsync();
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });

        var response = await http.GetAsync(new Uri($"{idp.BaseUrl}/authorize?client_id=pbench-broker&response_type=code&scope=openid&state=s&redirect_uri={Uri.EscapeDataString(NonAscii)}"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [TestCase("http://x/\u00fc?a=\u00e9", "http://x/%C3%BC?a=%C3%A9")]
    [TestCase("http://x/a b", "http://x/a%20b")]
    [TestCase("http://x/\U0001F600", "http://x/%F0%9F%98%80")]
    [TestCase("http://x/plain?code=abc#state=s", "http://x/plain?code=abc#state=s")]
    [TestCase("http://x/\r\nSet-Cookie: x", null)]
    public void A_location_carries_non_ASCII_percent_encoded_and_refuses_what_no_uri_can_hold(string uri, string? header) =>
        Protocol.LocationHeader.Encode(uri).Should().Be(header);

    [Test]
    public void A_broken_surrogate_pair_cannot_be_a_location() =>
        Protocol.LocationHeader.Encode("http://x/" + (char)0xD800 + "a").Should().BeNull();

    // Finding 5: the refresh token died on a replay, the access token kept working at userinfo.
    [Test]
    public async Task A_replayed_code_revokes_the_access_token_at_userinfo_and_the_refresh_token()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        var request = new AuthRequest();
        var code = (await browser.LoginAsync(request))["code"];
        var tokens = await browser.ExchangeAsync(request, code);
        var before = await Userinfo(browser, stack, tokens);

        var replay = await browser.PostFormAsync(stack.TokenUrl, request.TokenForm(code));
        var after = await Userinfo(browser, stack, tokens);
        var refresh = await TokenEndpointTests.Refresh(browser, stack, tokens);

        before.StatusCode.Should().Be(HttpStatusCode.OK, "the control: the token worked until the replay");
        await TokenEndpointTests.ExpectError(replay, HttpStatusCode.BadRequest, "invalid_grant");
        await TokenEndpointTests.ExpectError(after, HttpStatusCode.Unauthorized, "invalid_token");
        after.Headers.WwwAuthenticate.ToString().Should().Contain("invalid_token");
        await TokenEndpointTests.ExpectError(refresh, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Test]
    public async Task Tokens_from_a_later_login_in_the_same_session_work_after_a_replay()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        var request = new AuthRequest();
        var code = (await browser.LoginAsync(request))["code"];
        await browser.ExchangeAsync(request, code);
        (await browser.PostFormAsync(stack.TokenUrl, request.TokenForm(code))).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        stack.Clock.Advance(TimeSpan.FromSeconds(1));
        var again = new AuthRequest();
        var sso = await browser.GetAsync(again.Url(stack.RealmUrl));
        var fresh = await browser.ExchangeAsync(again, BrokerBrowser.Parameters(sso)["code"]);

        (await Userinfo(browser, stack, fresh)).StatusCode.Should().Be(HttpStatusCode.OK, "Keycloak attaches a new client session on the next login");
    }

    // Finding 6: the broker kept an AUTH_SESSION_ID chosen by the client through the login.
    [Test]
    public async Task An_AUTH_SESSION_ID_the_broker_never_issued_is_replaced_and_never_adopted()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var victim = stack.NewBrowser();
        var realmPath = new Uri($"https://{new Uri(stack.RealmUrl).Authority}/realms/pbench-server/");
        victim.Cookies.Add(realmPath, new Cookie("AUTH_SESSION_ID", "attacker-chosen-id", "/realms/pbench-server/"));

        var page = await victim.GetAsync(new AuthRequest().Url(stack.RealmUrl));
        var issued = AuthSessionCookie(page);
        var secondTab = AuthSessionCookie(await victim.GetAsync(new AuthRequest().Url(stack.RealmUrl)));
        var login = await victim.FollowUpstreamAsync(await victim.GetAsync(BrokerBrowser.SocialLink(await page.Content.ReadAsStringAsync())));

        issued.Should().NotBeNull().And.NotBe("attacker-chosen-id");
        secondTab.Should().Be(issued, "an id the broker issued is kept for the browser's other tabs, as Keycloak's root session");
        BrokerBrowser.Parameters(login).Should().ContainKey("code", "the login goes on under the broker's own id");
        victim.Cookies.GetCookies(realmPath)["AUTH_SESSION_ID"]!.Value.Should().Be(issued);
    }

    private static string RawLocation(HttpResponseMessage response)
    {
        ((int)response.StatusCode).Should().BeOneOf(302, 303);
        var location = response.Headers.NonValidated["Location"].ToString();
        location.Should().MatchRegex("^[\\x21-\\x7E]+$", "a Location header is ASCII");
        return location;
    }

    private static string? AuthSessionCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Where(c => c.StartsWith("AUTH_SESSION_ID=", StringComparison.Ordinal)).Select(c => c["AUTH_SESSION_ID=".Length..c.IndexOf(';', StringComparison.Ordinal)]).SingleOrDefault()
            : null;

    private static async Task<HttpResponseMessage> Userinfo(BrokerBrowser browser, BrokerTestStack stack, JsonObject tokens)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{stack.RealmUrl}/protocol/openid-connect/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens["access_token"]!.GetValue<string>());
        return await browser.Http.SendAsync(request);
    }
}
