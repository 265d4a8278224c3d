using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.MockBroker.Tests.Support;

namespace PbenchAuthSpec.MockBroker.Tests;

/// <summary>
/// The seven response modes Keycloak answers in. Keycloak:
/// services/src/main/java/org/keycloak/protocol/oidc/utils/OIDCRedirectUriBuilder.java and OIDCResponseMode.java.
/// </summary>
public sealed partial class ResponseModeTests
{
    [Test]
    public async Task Form_post_answers_with_a_self_submitting_form_of_escaped_parameters()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        var request = new AuthRequest { ResponseMode = "form_post", State = "a\"b<c>&d" };

        var response = await browser.LoginThroughIdpAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        var fields = Fields(html);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        html.Should().Contain("<BODY Onload=\"javascript:document.forms[0].submit()\">");
        html.Should().Contain($"<FORM METHOD=\"POST\" ACTION=\"{WebUtility.HtmlEncode(request.RedirectUri)}\">");
        html.Should().NotContain("a\"b<c>", "values are escaped");
        fields.Keys.Should().BeEquivalentTo("code", "state", "session_state", "iss");
        fields["state"].Should().Be(request.State);
        fields["iss"].Should().Be(stack.RealmUrl);
        (await browser.ExchangeAsync(request, fields["code"])).Should().ContainKey("access_token");
    }

    [Test]
    public async Task Form_post_errors_are_posted_back_too()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        var request = new AuthRequest { ResponseMode = "form_post", Scope = "openid no-such-scope" };

        var response = await browser.GetAsync(request.Url(stack.RealmUrl));
        var fields = Fields(await response.Content.ReadAsStringAsync());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        fields["error"].Should().Be("invalid_scope");
        fields["state"].Should().Be(request.State);
    }

    // JARM §2.1: one "response" parameter, a JWT signed by the realm with iss, aud and exp.
    [TestCase("query.jwt", "query")]
    [TestCase("jwt", "query")]
    [TestCase("fragment.jwt", "fragment")]
    [TestCase("form_post.jwt", "form_post")]
    public async Task Jwt_modes_carry_the_parameters_in_a_signed_response_jwt(string mode, string carrier)
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var browser = stack.NewBrowser();
        var request = new AuthRequest { ResponseMode = mode };

        var response = await browser.LoginThroughIdpAsync(request);
        var parameters = carrier == "form_post" ? Fields(await response.Content.ReadAsStringAsync()) : BrokerBrowser.Parameters(response);
        var location = response.Headers.Location?.AbsoluteUri ?? "";

        parameters.Keys.Should().Equal("response");
        if (carrier != "form_post")
        {
            location.Contains('#', StringComparison.Ordinal).Should().Be(carrier == "fragment");
        }

        var jwt = parameters["response"];
        var claims = Jwt.Payload(jwt);
        Jwt.Header(jwt)["kid"]!.GetValue<string>().Should().Be(stack.Broker.SigningKey().Kid);
        claims["iss"]!.GetValue<string>().Should().Be(stack.RealmUrl);
        claims["aud"]!.GetValue<string>().Should().Be("pbench-client");
        claims["state"]!.GetValue<string>().Should().Be(request.State);
        Jwt.Number(claims, "exp").Should().Be(stack.Clock.GetUtcNow().ToUnixTimeSeconds() + 60);
        (await browser.ExchangeAsync(request, claims["code"]!.GetValue<string>())).Should().ContainKey("access_token");
    }

    [Test]
    public async Task Discovery_lists_the_seven_response_modes()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var http = new HttpClient();

        var discovery = (await http.GetFromJsonAsync<JsonObject>($"{stack.RealmUrl}/.well-known/openid-configuration"))!;

        discovery["response_modes_supported"]!.AsArray().Select(m => m!.GetValue<string>()).Should().Equal("query", "fragment", "form_post", "query.jwt", "fragment.jwt", "form_post.jwt", "jwt");
    }

    internal static Dictionary<string, string> Fields(string html) =>
        HiddenField().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));

    [GeneratedRegex("<INPUT TYPE=\"HIDDEN\" NAME=\"([^\"]*)\" VALUE=\"([^\"]*)\" />")]
    private static partial Regex HiddenField();
}
