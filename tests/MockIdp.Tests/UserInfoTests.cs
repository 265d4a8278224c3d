using System.Net;
using System.Net.Http.Headers;
using FluentAssertions;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;

namespace PbenchAuthSpec.MockIdp.Tests;

public sealed class UserInfoTests
{
    [Test]
    public async Task Userinfo_with_the_access_token_returns_the_users_claims()
    {
        await using var idp = await TestIdp.StartAsync();
        using var client = new IdpTestClient(idp.BaseUrl);
        var tokens = await client.RedeemAsync((await client.SignInAsync(IdpTestClient.Request(), "admin")).Code!);

        var (status, body, response) = await client.UserInfoAsync(tokens.AccessToken);

        status.Should().Be(HttpStatusCode.OK);
        ((string?)body!["sub"]).Should().Be("idp-d72b9545-3eab-47eb-97b3-1196b02341ef");
        ((string?)body["preferred_username"]).Should().Be("admin");
        ((string?)body["email"]).Should().Be("admin@example.com");
        ((string?)body["given_name"]).Should().Be("Ada");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
    }

    [Test]
    public async Task Userinfo_by_POST_with_the_token_in_the_form_body_works()
    {
        await using var idp = await TestIdp.StartAsync();
        using var client = new IdpTestClient(idp.BaseUrl);
        var tokens = await client.RedeemAsync((await client.SignInAsync(IdpTestClient.Request())).Code!);

        var response = await client.Http.PostAsync(new Uri($"{idp.BaseUrl}/userinfo"), new FormUrlEncodedContent([new("access_token", tokens.AccessToken!)]));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"preferred_username\":\"alice\"");
    }

    [Test]
    public async Task Userinfo_without_a_token_is_401_with_a_Bearer_challenge_and_no_error_code()
    {
        await using var idp = await TestIdp.StartAsync();
        using var client = new IdpTestClient(idp.BaseUrl);

        var (status, _, response) = await client.UserInfoAsync(null);

        status.Should().Be(HttpStatusCode.Unauthorized);
        var challenge = response.Headers.WwwAuthenticate.Should().ContainSingle().Subject;
        challenge.Scheme.Should().Be("Bearer");
        challenge.Parameter.Should().NotContain("error=");
    }

    [TestCase("garbage")]
    [TestCase("eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.")]
    public async Task Userinfo_with_an_invalid_token_is_401_invalid_token(string token)
    {
        await using var idp = await TestIdp.StartAsync();
        using var client = new IdpTestClient(idp.BaseUrl);

        var (status, body, response) = await client.UserInfoAsync(token);

        status.Should().Be(HttpStatusCode.Unauthorized);
        ((string?)body!["error"]).Should().Be("invalid_token");
        var challenge = response.Headers.WwwAuthenticate.Should().ContainSingle().Subject;
        challenge.Scheme.Should().Be("Bearer");
        challenge.Parameter.Should().Contain("error=\"invalid_token\"");
    }

    [Test]
    public async Task Userinfo_with_an_altered_token_is_401()
    {
        await using var idp = await TestIdp.StartAsync();
        using var client = new IdpTestClient(idp.BaseUrl);
        var token = (await client.RedeemAsync((await client.SignInAsync(IdpTestClient.Request())).Code!)).AccessToken!;
        var parts = token.Split('.');
        var payload = Protocol.CompactJwt.ReadUnverified(token).Payload;
        payload["preferred_username"] = "admin";
        var altered = $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";

        (await client.UserInfoAsync(altered)).Status.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Userinfo_with_an_expired_token_is_401()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var idp = await TestIdp.StartAsync(new MockIdpOptions { Clock = clock });
        using var client = new IdpTestClient(idp.BaseUrl);
        var token = (await client.RedeemAsync((await client.SignInAsync(IdpTestClient.Request())).Code!)).AccessToken!;

        clock.Advance(TimeSpan.FromSeconds(301));
        var (status, body, _) = await client.UserInfoAsync(token);

        status.Should().Be(HttpStatusCode.Unauthorized);
        ((string?)body!["error_description"]).Should().Contain("expired");
    }

    [Test]
    public async Task Userinfo_with_the_id_token_as_bearer_is_401()
    {
        await using var idp = await TestIdp.StartAsync();
        using var client = new IdpTestClient(idp.BaseUrl);
        var tokens = await client.RedeemAsync((await client.SignInAsync(IdpTestClient.Request())).Code!);

        (await client.UserInfoAsync(tokens.IdToken)).Status.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Userinfo_with_a_client_credentials_token_is_403_insufficient_scope()
    {
        await using var idp = await TestIdp.StartAsync();
        using var client = new IdpTestClient(idp.BaseUrl);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{idp.BaseUrl}/token") { Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]) };
        request.Headers.Authorization = IdpTestClient.Basic(TestIdp.ClientId, TestIdp.ClientSecret);
        var token = (await TokenResult.ReadAsync(await client.Http.SendAsync(request))).AccessToken;

        var (status, body, _) = await client.UserInfoAsync(token);

        status.Should().Be(HttpStatusCode.Forbidden);
        ((string?)body!["error"]).Should().Be("insufficient_scope");
    }

    [Test]
    public async Task Userinfo_with_a_token_in_both_header_and_body_is_400()
    {
        await using var idp = await TestIdp.StartAsync();
        using var client = new IdpTestClient(idp.BaseUrl);
        var token = (await client.RedeemAsync((await client.SignInAsync(IdpTestClient.Request())).Code!)).AccessToken!;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{idp.BaseUrl}/userinfo") { Content = new FormUrlEncodedContent([new("access_token", token)]) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await client.Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("invalid_request");
    }
}
