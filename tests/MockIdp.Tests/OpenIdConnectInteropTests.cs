using System.Net;
using System.Text;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockIdp.Tests;

/// <summary>
/// Interop with ASP.NET Core's OpenIdConnect handler. Its redirect URI is registered through a
/// test-only client in a copy of the fixture (<see cref="FixtureCopy"/>): <c>selftest-rp</c> with
/// <c>{rp}/signin-oidc</c>, where <c>{rp}</c> is set in the stack once the relying party has a port.
/// </summary>
public sealed class OpenIdConnectInteropTests
{
    private const string ClientId = "selftest-rp";
    private const string Secret = "selftest-rp-secret";

    [Test]
    public async Task AspNetCore_OpenIdConnect_handler_completes_the_code_flow_and_accepts_the_id_token()
    {
        var stack = new StackUrls();
        await using var idp = await TestIdp.StartAsync(new MockIdpOptions { Stack = stack, FixtureFile = FixtureCopy.WithClient(ClientId, Secret, "{rp}/signin-oidc") });
        await using var rp = await OidcRelyingParty.StartAsync(idp.BaseUrl, ClientId, Secret);
        stack.Set("rp", rp.BaseUrl);
        using var browser = new IdpTestClient(idp.BaseUrl);

        var landed = await SignInThroughRelyingPartyAsync(browser, rp, "bob");

        rp.RemoteFailure.Should().BeNull();
        landed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await landed.Content.ReadAsStringAsync()).Should().Be($"idp-e5cd4f74-7f9d-49b2-9175-423d7a947a35 {idp.BaseUrl}");
        var exchanges = idp.Host.Journal.Entries("idp").Where(e => e.Url.EndsWith("/token", StringComparison.Ordinal)).ToList();
        exchanges.Should().ContainSingle().Which.Status.Should().Be(200);
        exchanges[0].RequestBody.Should().Contain("code_verifier=");
    }

    [Test]
    public async Task AspNetCore_OpenIdConnect_handler_refuses_an_id_token_whose_key_is_not_in_the_jwks()
    {
        var stack = new StackUrls();
        await using var idp = await TestIdp.StartAsync(new MockIdpOptions { Stack = stack, FixtureFile = FixtureCopy.WithClient(ClientId, Secret, "{rp}/signin-oidc") });
        var foreign = SigningKey.Generate();
        var mapping = """{"Title":"foreign jwks","Request":{"Path":"/jwks"},"Response":{"StatusCode":200,"BodyAsJson":{"keys":[""" + foreign.Jwk.ToJsonString() + "]}}}";
        using var admin = new HttpClient();
        (await admin.PostAsync(new Uri($"{idp.BaseUrl}/__admin/mappings"), new StringContent(mapping, Encoding.UTF8, "application/json"))).StatusCode.Should().Be(HttpStatusCode.Created);
        await using var rp = await OidcRelyingParty.StartAsync(idp.BaseUrl, ClientId, Secret);
        stack.Set("rp", rp.BaseUrl);
        using var browser = new IdpTestClient(idp.BaseUrl);

        var landed = await SignInThroughRelyingPartyAsync(browser, rp, "alice");

        landed.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a relying party that checks signatures cannot accept it");
        rp.RemoteFailure.Should().Contain("IDX10503", "the handler refused the signature, not something else");
    }

    // The browser's part: protected page → RP challenge → MockIdp pages → form_post to the RP → RP cookie → protected page.
    private static async Task<HttpResponseMessage> SignInThroughRelyingPartyAsync(IdpTestClient browser, OidcRelyingParty rp, string username)
    {
        var challenge = await browser.GetAsync(new Uri($"{rp.BaseUrl}/protected"));
        challenge.StatusCode.Should().Be(HttpStatusCode.Redirect);
        challenge.Headers.Location!.AbsoluteUri.Should().StartWith(browser.IdpBaseUrl + "/authorize?");

        var response = await browser.FollowAsync(challenge, username, $"{username}-password", allowConsent: true);
        response.RedirectUri.Should().Be($"{rp.BaseUrl}/signin-oidc");
        response.Code.Should().NotBeNull();
        response.Iss.Should().Be(browser.IdpBaseUrl);

        using var callback = new HttpRequestMessage(HttpMethod.Post, response.RedirectUri) { Content = new FormUrlEncodedContent(response.Parameters) };
        var afterCallback = await browser.SendAsync(callback);
        if (afterCallback.StatusCode != HttpStatusCode.Redirect)
        {
            return afterCallback;
        }

        return await browser.GetAsync(new Uri(new Uri(rp.BaseUrl), afterCallback.Headers.Location!));
    }
}
