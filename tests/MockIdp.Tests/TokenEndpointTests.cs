using System.Net;
using System.Net.Http.Headers;
using FluentAssertions;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;

namespace PbenchAuthSpec.MockIdp.Tests;

public sealed class TokenEndpointTests
{
    [Test]
    public async Task Reused_code_gets_invalid_grant_and_revokes_the_tokens_issued_from_it()
    {
        await using var idp = await TestIdp.StartAsync();
        using var client = new IdpTestClient(idp.BaseUrl);
        var code = (await client.SignInAsync(IdpTestClient.Request())).Code!;

        var first = await client.RedeemAsync(code);
        var before = await client.UserInfoAsync(first.AccessToken);
        var second = await client.RedeemAsync(code);
        var after = await client.UserInfoAsync(first.AccessToken);

        first.Status.Should().Be(HttpStatusCode.OK);
        before.Status.Should().Be(HttpStatusCode.OK);
        second.Status.Should().Be(HttpStatusCode.BadRequest);
        second.Error.Should().Be("invalid_grant");
        second.Response.Headers.CacheControl!.NoStore.Should().BeTrue();
        after.Status.Should().Be(HttpStatusCode.Unauthorized, "RFC 6749 §4.1.2: tokens issued from a reused code are revoked");
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Wrong_client_secret_gets_invalid_client_401(bool post)
    {
        await using var idp = await TestIdp.StartAsync();
        using var client = new IdpTestClient(idp.BaseUrl);
        var code = (await client.SignInAsync(IdpTestClient.Request())).Code!;

        var result = await client.RedeemAsync(code, post: post, secret: "not-the-secret");

        result.Status.Should().Be(HttpStatusCode.Unauthorized);
        result.Error.Should().Be("invalid_client");
        if (!post)
        {
            result.Response.Headers.WwwAuthenticate.Should().ContainSingle(h => h.Scheme == "Basic");
        }
    }

    [Test]
    public async Task Redirect_uri_different_from_the_authorization_request_gets_invalid_grant()
    {
        await using var idp = await TestIdp.StartAsync();
        using var client = new IdpTestClient(idp.BaseUrl);
        var code = (await client.SignInAsync(IdpTestClient.Request())).Code!;

        var result = await client.RedeemAsync(code, redirectUri: TestIdp.RedirectUri + "/other");

        result.Status.Should().Be(HttpStatusCode.BadRequest);
        result.Error.Should().Be("invalid_grant");
    }

    [TestCase("S256")]
    [TestCase("plain")]
    public async Task PKCE_verifier_that_does_not_match_gets_invalid_grant(string method)
    {
        await using var idp = await TestIdp.StartAsync();
        using var client = new IdpTestClient(idp.BaseUrl);
        var verifier = IdpTestClient.NewVerifier();
        var challenge = method == "S256" ? IdpTestClient.S256(verifier) : verifier;
        var code = (await client.SignInAsync(IdpTestClient.Request(("code_challenge", challenge), ("code_challenge_method", method)))).Code!;

        var result = await client.RedeemAsync(code, IdpTestClient.NewVerifier());

        result.Error.Should().Be("invalid_grant");
        result.Body["error_description"]!.ToString().Should().Contain("does not match");
    }

    [Test]
    public async Task PKCE_challenge_without_a_verifier_at_the_token_endpoint_gets_invalid_grant()
    {
        await using var idp = await TestIdp.StartAsync();
        using var client = new IdpTestClient(idp.BaseUrl);
        var verifier = IdpTestClient.NewVerifier();
        var code = (await client.SignInAsync(IdpTestClient.Request(("code_challenge", IdpTestClient.S256(verifier)), ("code_challenge_method", "S256")))).Code!;

        var result = await client.RedeemAsync(code);

        result.Error.Should().Be("invalid_grant");
    }

    [Test]
    public async Task Verifier_without_a_challenge_is_refused_as_a_PKCE_downgrade()
    {
        await using var idp = await TestIdp.StartAsync();
        using var client = new IdpTestClient(idp.BaseUrl);
        var code = (await client.SignInAsync(IdpTestClient.Request())).Code!;

        var result = await client.RedeemAsync(code, IdpTestClient.NewVerifier());

        result.Error.Should().Be("invalid_grant");
    }

    [Test]
    public async Task Expired_code_is_refused_with_invalid_grant()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var idp = await TestIdp.StartAsync(new MockIdpOptions { Clock = clock });
        using var client = new IdpTestClient(idp.BaseUrl);
        var code = (await client.SignInAsync(IdpTestClient.Request())).Code!;

        clock.Advance(TimeSpan.FromSeconds(61));
        var result = await client.RedeemAsync(code);

        result.Status.Should().Be(HttpStatusCode.BadRequest);
        result.Error.Should().Be("invalid_grant");
        result.Body["error_description"]!.ToString().Should().Contain("expired");
    }

    [Test]
    public async Task Code_is_still_good_just_before_its_60_seconds_end()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var idp = await TestIdp.StartAsync(new MockIdpOptions { Clock = clock });
        using var client = new IdpTestClient(idp.BaseUrl);
        var code = (await client.SignInAsync(IdpTestClient.Request())).Code!;

        clock.Advance(TimeSpan.FromSeconds(59));
        var result = await client.RedeemAsync(code);

        result.Status.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Expired_login_transaction_shows_an_error_page_instead_of_the_form()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var idp = await TestIdp.StartAsync(new MockIdpOptions { Clock = clock });
        using var client = new IdpTestClient(idp.BaseUrl);
        var redirect = await client.GetAsync(client.AuthorizeUrl(IdpTestClient.Request()));

        clock.Advance(TimeSpan.FromMinutes(6));
        var page = await client.GetAsync(redirect.Headers.Location!);

        page.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await page.Content.ReadAsStringAsync()).Should().Contain("start again");
    }

    [Test]
    public async Task Basic_and_post_credentials_together_get_invalid_request()
    {
        await using var idp = await TestIdp.StartAsync();
        using var client = new IdpTestClient(idp.BaseUrl);
        var code = (await client.SignInAsync(IdpTestClient.Request())).Code!;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{idp.BaseUrl}/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "authorization_code"), new("code", code), new("redirect_uri", TestIdp.RedirectUri),
                new("client_id", TestIdp.ClientId), new("client_secret", TestIdp.ClientSecret)]),
        };
        request.Headers.Authorization = IdpTestClient.Basic(TestIdp.ClientId, TestIdp.ClientSecret);

        var result = await TokenResult.ReadAsync(await client.Http.SendAsync(request));

        result.Status.Should().Be(HttpStatusCode.BadRequest);
        result.Error.Should().Be("invalid_request");
    }

    [Test]
    public async Task Code_issued_to_another_client_gets_invalid_grant()
    {
        await using var idp = await TestIdp.StartAsync(new MockIdpOptions { FixtureFile = FixtureCopy.WithClient("other-client", "other-secret", "http://127.0.0.1:9/cb") });
        using var client = new IdpTestClient(idp.BaseUrl);
        var code = (await client.SignInAsync(IdpTestClient.Request())).Code!;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{idp.BaseUrl}/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "authorization_code"), new("code", code), new("redirect_uri", TestIdp.RedirectUri)]),
        };
        request.Headers.Authorization = IdpTestClient.Basic("other-client", "other-secret");

        var result = await TokenResult.ReadAsync(await client.Http.SendAsync(request));

        result.Error.Should().Be("invalid_grant");
    }

    [Test]
    public async Task Client_credentials_grant_returns_an_access_token_without_id_token()
    {
        await using var idp = await TestIdp.StartAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{idp.BaseUrl}/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = IdpTestClient.Basic(TestIdp.ClientId, TestIdp.ClientSecret);

        var result = await TokenResult.ReadAsync(await http.SendAsync(request));

        result.Status.Should().Be(HttpStatusCode.OK);
        result.AccessToken.Should().NotBeNullOrEmpty();
        result.IdToken.Should().BeNull();
        ((string?)result.Body["token_type"]).Should().Be("Bearer");
    }

    [Test]
    public async Task Basic_credentials_are_form_urlencoded_before_base64()
    {
        const string Secret = "s3cret with space:colon%percent+plus";
        await using var idp = await TestIdp.StartAsync(new MockIdpOptions { FixtureFile = FixtureCopy.WithClient("odd client", Secret, "http://127.0.0.1:9/cb") });
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{idp.BaseUrl}/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(
            System.Text.Encoding.UTF8.GetBytes("odd+client:s3cret+with+space%3Acolon%25percent%2Bplus")));

        var result = await TokenResult.ReadAsync(await http.SendAsync(request));

        result.Status.Should().Be(HttpStatusCode.OK, result.Body.ToJsonString());
    }
}
