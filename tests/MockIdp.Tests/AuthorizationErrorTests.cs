using System.Net;
using FluentAssertions;
using NUnit.Framework;

namespace PbenchAuthSpec.MockIdp.Tests;

/// <summary>RFC 6749 §4.1.2.1: untrusted client or redirect URI → an error page, never a redirect; other errors → redirect with error and state.</summary>
public sealed class AuthorizationErrorTests
{
    private static readonly string Registered = TestIdp.RedirectUri;

    public static IEnumerable<TestCaseData> UntrustedRequests()
    {
        yield return Case("unknown client", ("client_id", "evil-client"));
        yield return Case("missing client_id", ("client_id", null));
        yield return Case("missing redirect_uri", ("redirect_uri", null));
        yield return Case("redirect_uri on another host", ("redirect_uri", "http://evil.example/realms/pbench-server/broker/mockidp/endpoint"));
        yield return Case("redirect_uri with an extra path segment", ("redirect_uri", Registered + "/extra"));
        yield return Case("redirect_uri with a different port", ("redirect_uri", Registered.Replace(":9/", ":10/", StringComparison.Ordinal)));
        yield return Case("redirect_uri with a trailing slash", ("redirect_uri", Registered + "/"));
        yield return Case("redirect_uri with a query appended", ("redirect_uri", Registered + "?next=http://evil.example"));
        yield return Case("redirect_uri with a fragment", ("redirect_uri", Registered + "#x"));
        yield return Case("redirect_uri in another case", ("redirect_uri", Registered.ToUpperInvariant()));
        yield return Case("redirect_uri with https instead of http", ("redirect_uri", "https" + Registered[4..]));
        yield return Case("redirect_uri that is a prefix", ("redirect_uri", Registered[..^1]));
        yield return Case("redirect_uri with dot segments", ("redirect_uri", Registered.Replace("/broker/", "/broker/x/../", StringComparison.Ordinal)));
        yield return Case("redirect_uri with userinfo", ("redirect_uri", Registered.Replace("http://", "http://evil.example@", StringComparison.Ordinal)));
    }

    [TestCaseSource(nameof(UntrustedRequests))]
    public async Task Untrusted_client_or_redirect_uri_gets_a_400_page_and_no_redirect(string _, (string Name, string? Value)[] overrides)
    {
        await using var idp = await TestIdp.StartAsync();
        using var client = new IdpTestClient(idp.BaseUrl);

        var response = await client.GetAsync(client.AuthorizeUrl(IdpTestClient.Request(overrides)));
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Location.Should().BeNull();
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        HtmlForm.Has(html, "error-code").Should().BeTrue();
        html.Should().Contain("invalid_request");
        html.Should().NotContain("http-equiv=\"refresh\"");
    }

    public static IEnumerable<TestCaseData> RedirectedErrors()
    {
        yield return Redirected("missing response_type", "invalid_request", ("response_type", null));
        yield return Redirected("response_type token", "unsupported_response_type", ("response_type", "token"));
        yield return Redirected("response_type id_token", "unsupported_response_type", ("response_type", "id_token"));
        yield return Redirected("response_type code id_token", "unsupported_response_type", ("response_type", "code id_token"));
        yield return Redirected("scope without openid", "invalid_scope", ("scope", "profile email"));
        yield return Redirected("missing scope", "invalid_scope", ("scope", null));
        yield return Redirected("unknown scope", "invalid_scope", ("scope", "openid admin"));
        yield return Redirected("unsupported code_challenge_method", "invalid_request", ("code_challenge", IdpTestClient.S256(IdpTestClient.NewVerifier())), ("code_challenge_method", "S512"));
        yield return Redirected("code_challenge_method without a challenge", "invalid_request", ("code_challenge_method", "S256"));
        yield return Redirected("code_challenge too short", "invalid_request", ("code_challenge", "abc"), ("code_challenge_method", "S256"));
        yield return Redirected("prompt none with login", "invalid_request", ("prompt", "none login"));
        yield return Redirected("unknown prompt", "invalid_request", ("prompt", "create"));
        yield return Redirected("max_age not a number", "invalid_request", ("max_age", "soon"));
        yield return Redirected("request object", "request_not_supported", ("request", "eyJhbGciOiJub25lIn0.e30."));
        yield return Redirected("request_uri", "request_uri_not_supported", ("request_uri", "urn:example:req"));
        yield return Redirected("unknown response_mode", "invalid_request", ("response_mode", "web_message"));
    }

    [TestCaseSource(nameof(RedirectedErrors))]
    public async Task Bad_request_with_a_trusted_redirect_uri_redirects_with_error_state_and_iss(string _, string error, (string Name, string? Value)[] overrides)
    {
        await using var idp = await TestIdp.StartAsync();
        using var client = new IdpTestClient(idp.BaseUrl);
        var request = IdpTestClient.Request(overrides);

        var response = await client.GetAsync(client.AuthorizeUrl(request));
        var answer = AuthorizationResponse.FromRedirect(response);

        ((int)response.StatusCode).Should().Be(302);
        answer.RedirectUri.Should().Be(Registered);
        answer.Error.Should().Be(error);
        answer.ErrorDescription.Should().NotBeNullOrEmpty();
        answer.State.Should().Be(request["state"]);
        answer.Iss.Should().Be(idp.BaseUrl);
        answer.Code.Should().BeNull();
    }

    [Test]
    public async Task Error_redirect_without_state_carries_no_state()
    {
        await using var idp = await TestIdp.StartAsync();
        using var client = new IdpTestClient(idp.BaseUrl);

        var answer = AuthorizationResponse.FromRedirect(await client.GetAsync(client.AuthorizeUrl(IdpTestClient.Request(("state", null), ("response_type", "token")))));

        answer.Error.Should().Be("unsupported_response_type");
        answer.Parameters.Should().NotContainKey("state");
    }

    [Test]
    public async Task Untrusted_request_from_an_API_client_gets_the_OAuth_JSON_error()
    {
        await using var idp = await TestIdp.StartAsync();
        using var client = new IdpTestClient(idp.BaseUrl);

        var response = await client.GetAsync(client.AuthorizeUrl(IdpTestClient.Request(("client_id", "nobody"))), asBrowser: false);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Location.Should().BeNull();
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"error\":\"invalid_request\"").And.Contain("nobody");
    }

    private static TestCaseData Case(string name, params (string Name, string? Value)[] overrides) =>
        new TestCaseData(name, overrides).SetName($"Untrusted request gets a 400 page: {name}");

    private static TestCaseData Redirected(string name, string error, params (string Name, string? Value)[] overrides) =>
        new TestCaseData(name, error, overrides).SetName($"Trusted redirect URI gets {error}: {name}");
}
