using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NUnit.Framework;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockIdp.Tests;

public sealed class DiscoveryTests
{
    [Test]
    public async Task Discovery_names_the_issuer_and_every_endpoint_under_it()
    {
        await using var idp = await TestIdp.StartAsync();
        using var http = new HttpClient();

        var response = await http.GetAsync(new Uri($"{idp.BaseUrl}/.well-known/openid-configuration"));
        var doc = await response.Content.ReadFromJsonAsync<JsonObject>();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("*");
        ((string?)doc!["issuer"]).Should().Be(idp.BaseUrl);
        ((string?)doc["authorization_endpoint"]).Should().Be($"{idp.BaseUrl}/authorize");
        ((string?)doc["token_endpoint"]).Should().Be($"{idp.BaseUrl}/token");
        ((string?)doc["userinfo_endpoint"]).Should().Be($"{idp.BaseUrl}/userinfo");
        ((string?)doc["jwks_uri"]).Should().Be($"{idp.BaseUrl}/jwks");
    }

    [Test]
    public async Task Discovery_states_what_MockIdp_supports()
    {
        await using var idp = await TestIdp.StartAsync();
        using var http = new HttpClient();

        var doc = (await http.GetFromJsonAsync<JsonObject>(new Uri($"{idp.BaseUrl}/.well-known/openid-configuration")))!;

        Strings(doc, "code_challenge_methods_supported").Should().Equal("S256", "plain");
        ((bool?)doc["authorization_response_iss_parameter_supported"]).Should().BeTrue();
        Strings(doc, "token_endpoint_auth_methods_supported").Should().BeEquivalentTo("client_secret_basic", "client_secret_post");
        Strings(doc, "response_types_supported").Should().Equal("code");
        Strings(doc, "subject_types_supported").Should().Equal("public");
        Strings(doc, "id_token_signing_alg_values_supported").Should().Equal("RS256");
        Strings(doc, "scopes_supported").Should().Contain("openid");
        Strings(doc, "claims_supported").Should().Contain(["sub", "iss", "aud", "nonce", "email", "preferred_username", "given_name", "family_name"]);
    }

    [Test]
    public async Task Jwks_publishes_the_fixture_key_with_its_kid()
    {
        await using var idp = await TestIdp.StartAsync();
        using var http = new HttpClient();
        var fixtureKey = SigningKey.FromPemFile(FixturePaths.File("keys", "idp-signing.pem"));

        var json = await http.GetStringAsync(new Uri($"{idp.BaseUrl}/jwks"));
        var keys = new JsonWebKeySet(json).Keys;

        var key = keys.Should().ContainSingle().Subject;
        key.Kid.Should().Be(fixtureKey.Kid);
        key.Kty.Should().Be("RSA");
        key.Alg.Should().Be("RS256");
        key.Use.Should().Be("sig");
        key.N.Should().Be(Base64UrlEncoder.Encode(fixtureKey.Rsa.ExportParameters(false).Modulus));
    }

    [Test]
    public async Task Id_token_header_kid_is_the_jwks_kid_and_the_token_validates_against_the_jwks()
    {
        await using var idp = await TestIdp.StartAsync();
        using var client = new IdpTestClient(idp.BaseUrl);
        var request = IdpTestClient.Request();

        var response = await client.SignInAsync(request);
        var tokens = await client.RedeemAsync(response.Code!);
        var jwks = new JsonWebKeySet(await client.Http.GetStringAsync(new Uri($"{idp.BaseUrl}/jwks")));
        var idToken = new JsonWebToken(tokens.IdToken);
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(tokens.IdToken, new TokenValidationParameters
        {
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidIssuer = idp.BaseUrl,
            ValidAudience = TestIdp.ClientId,
            ValidAlgorithms = ["RS256"],
        });

        idToken.Kid.Should().Be(jwks.Keys.Single().Kid);
        idToken.Alg.Should().Be("RS256");
        result.IsValid.Should().BeTrue(result.Exception?.Message);
        result.Claims["nonce"].Should().Be(request["nonce"]);
    }

    [Test]
    public async Task Unknown_paths_get_404_with_an_OAuth_error_body()
    {
        await using var idp = await TestIdp.StartAsync();
        using var http = new HttpClient();

        var response = await http.GetAsync(new Uri($"{idp.BaseUrl}/no/such/thing"));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        ((string?)body!["error"]).Should().Be("invalid_request");
        ((string?)body["error_description"]).Should().Contain("/no/such/thing");
    }

    [Test]
    public async Task Registers_itself_as_idp_in_the_stack()
    {
        var stack = new StackUrls();
        await using var idp = await TestIdp.StartAsync(new MockIdpOptions { Stack = stack });

        stack.Get("idp").Should().Be(idp.BaseUrl);
        idp.BaseUrl.Should().MatchRegex(@"^http://127\.0\.0\.1:\d+$");
    }

    private static IEnumerable<string> Strings(JsonObject doc, string name) =>
        doc[name]!.AsArray().Select(n => (string)n!);
}
