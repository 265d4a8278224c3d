using System.Net;
using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.MockBroker.Tests.Support;

namespace PbenchAuthSpec.MockBroker.Tests;

public sealed class SessionIframeTests
{
    [TestCase("login-status-iframe.html", "KEYCLOAK_SESSION")]
    [TestCase("3p-cookies/step1.html", "step2.html")]
    [TestCase("3p-cookies/step2.html", "unsupported")]
    public async Task Session_iframes_are_framable_html(string page, string marker)
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var http = new HttpClient();

        var response = await http.GetAsync(new Uri($"{stack.RealmUrl}/protocol/openid-connect/{page}"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        response.Headers.Contains("X-Frame-Options").Should().BeFalse("keycloak-js embeds it in the dashboard");
        response.Headers.Contains("Content-Security-Policy").Should().BeFalse();
        (await response.Content.ReadAsStringAsync()).Should().Contain(marker);
    }

    [TestCase("pbench-client", "http://dashboard.invalid", HttpStatusCode.NoContent)]
    [TestCase("pbench-client-pkce", "http://dashboard.invalid", HttpStatusCode.NoContent)]
    [TestCase("pbench-client", "http://evil.example", HttpStatusCode.Forbidden)]
    [TestCase("nobody", "http://dashboard.invalid", HttpStatusCode.NotFound)]
    public async Task Login_status_init_allows_only_a_registered_web_origin_of_the_client(string clientId, string origin, HttpStatusCode status)
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var http = new HttpClient();

        var response = await http.GetAsync(new Uri($"{stack.RealmUrl}/protocol/openid-connect/login-status-iframe.html/init?client_id={clientId}&origin={Uri.EscapeDataString(origin)}"));

        response.StatusCode.Should().Be(status);
    }

    [Test]
    public async Task Login_sets_a_readable_session_cookie_holding_the_hash_of_the_sid_and_an_httponly_identity_cookie()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        var page = await browser.GetAsync(new AuthRequest().Url(stack.RealmUrl));
        var toIdp = await browser.GetAsync(BrokerBrowser.SocialLink(await page.Content.ReadAsStringAsync()));
        var idpAnswer = await browser.GetAsync(toIdp.Headers.Location!.ToString());

        var response = await browser.GetAsync(idpAnswer.Headers.Location!.ToString());

        var sid = BrokerBrowser.Parameters(response)["session_state"];
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        var hash = System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(sid)));
        cookies.Should().Contain(c => c.StartsWith($"KEYCLOAK_SESSION={hash};", StringComparison.Ordinal) && !c.Contains("httponly") && c.Contains("path=/realms/pbench-server/") && c.Contains("samesite=none") && c.Contains("secure"));
        cookies.Should().Contain(c => c.StartsWith("KEYCLOAK_IDENTITY=", StringComparison.Ordinal) && c.Contains("httponly") && !c.Contains(sid));
    }

    // Keycloak 26 (DefaultCookieProvider, SecureContextResolver): SameSite=None; Secure in a secure
    // context, which includes http on a loopback host; Lax without Secure elsewhere.
    [TestCase(null, "samesite=none", true)]
    [TestCase("localhost", "samesite=none", true)]
    [TestCase("broker.example", "samesite=lax", false)]
    public async Task Broker_cookies_are_SameSite_None_and_Secure_exactly_in_a_secure_context(string? host, string sameSite, bool secure)
    {
        // A name other than the loopback ones is answered only when the broker was started for it.
        await using var stack = await BrokerTestStack.StartAsync(o => o with { AllowedHosts = ["broker.example"] });
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new AuthRequest().Url(stack.RealmUrl));
        if (host is not null)
        {
            request.Headers.Host = $"{host}:{new Uri(stack.RealmUrl).Port}";
        }

        var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK, "the broker shows its login page");
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("AUTH_SESSION_ID=", StringComparison.Ordinal));
        cookie.Should().Contain(sameSite);
        cookie.Contains("; secure", StringComparison.Ordinal).Should().Be(secure, cookie);
    }
}
