using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.MockBroker.Tests.Support;
using PbenchAuthSpec.StandIns;

namespace PbenchAuthSpec.MockBroker.Tests;

/// <summary>The brokered login end to end over HTTP through the real MockIdp: its login form, its consent page, its tokens.</summary>
public sealed partial class RealIdpHttpTests
{
    [Test]
    public async Task Login_through_the_real_mockidp_imports_alice_and_answers_the_client()
    {
        await using var stack = await StartStackAsync();
        using var http = new HttpClient(new LoopbackCookieHandler(new CookieContainer()));
        var request = new AuthRequest { ResponseMode = "fragment" };

        var answer = await WalkAsync(http, stack, request, "alice", "alice-password");

        answer.StatusCode.Should().Be(HttpStatusCode.Found);
        answer.Headers.Location!.GetLeftPart(UriPartial.Path).Should().Be(request.RedirectUri);
        var parameters = BrokerBrowser.Parameters(answer);
        parameters["state"].Should().Be(request.State);
        parameters["iss"].Should().Be(stack.Broker.RealmUrl());
        var token = await http.PostAsync(new Uri($"{stack.Broker.RealmUrl()}/protocol/openid-connect/token"), new FormUrlEncodedContent(request.TokenForm(parameters["code"])));
        var tokens = (await token.Content.ReadFromJsonAsync<JsonObject>())!;
        var claims = Jwt.Payload(tokens["access_token"]!.GetValue<string>());
        Jwt.Text(claims, "sub").Should().Be(ImportedUserIds.For("pbench-server", "mockidp", "idp-4ab0c376-7991-40c9-8bbe-c1ae1fd49e88").ToString());
        Jwt.Text(Jwt.Payload(tokens["id_token"]!.GetValue<string>()), "nonce").Should().Be(request.Nonce);
        stack.Journal.Entries("broker-back-channel").Count(e => e.Method == "POST" && e.Url.EndsWith("/token", StringComparison.Ordinal)).Should().Be(1);
        stack.Journal.Entries("idp").Should().Contain(e => e.Url.EndsWith("/token", StringComparison.Ordinal) && e.BackChannel && e.Status == 200);
    }

    [Test]
    public async Task No_password_or_client_secret_of_a_brokered_login_reaches_the_journal()
    {
        await using var stack = await StartStackAsync();
        using var http = new HttpClient(new LoopbackCookieHandler(new CookieContainer()));
        var request = new AuthRequest();
        var answer = await WalkAsync(http, stack, request, "alice", "alice-password");
        await http.PostAsync(new Uri($"{stack.Broker.RealmUrl()}/protocol/openid-connect/token"), new FormUrlEncodedContent(request.TokenForm(BrokerBrowser.Parameters(answer)["code"])));

        var journal = System.Text.Json.JsonSerializer.Serialize(stack.Journal.Entries().Select(e => new { e.Url, e.RequestHeaders, e.RequestBody, e.ResponseBody }));

        // The code exchange's Basic credentials are redacted; the userinfo call's Bearer token is kept, as every token is.
        stack.Journal.Entries("broker-back-channel").Where(e => e.RequestHeaders.ContainsKey("Authorization") && !e.RequestHeaders["Authorization"].StartsWith("Bearer ", StringComparison.Ordinal))
            .Select(e => e.RequestHeaders["Authorization"])
            .Should().NotBeEmpty("the broker authenticates to the IdP with Basic").And.OnlyContain(v => v == "Basic <redacted: client_id=pbench-broker>");
        journal.Should().NotContain("alice-password").And.NotContain("pbench-broker-secret").And.Contain("password=REDACTED");
    }

    [Test]
    public async Task Consent_denied_at_the_real_mockidp_reaches_the_client_as_access_denied()
    {
        await using var stack = await StartStackAsync();
        using var http = new HttpClient(new LoopbackCookieHandler(new CookieContainer()));
        var request = new AuthRequest();

        var answer = await WalkAsync(http, stack, request, "bob", "bob-password", decision: "deny");

        var parameters = BrokerBrowser.Parameters(answer);
        parameters["error"].Should().Be("access_denied");
        parameters["state"].Should().Be(request.State);
    }

    /// <summary>The real MockIdp and MockBroker; <c>{target}</c> is the name-only dashboard the tests' redirect URIs use.</summary>
    private static async Task<StandInStack> StartStackAsync()
    {
        var stack = await StandInStack.StartAsync(new StandInStackOptions { StartTarget = false });
        stack.Urls.Set("target", BrokerTestStack.Target);
        return stack;
    }

    /// <summary>Auth request, broker page, IdP button, MockIdp's login and consent forms, back through the broker.</summary>
    private static async Task<HttpResponseMessage> WalkAsync(HttpClient http, StandInStack stack, AuthRequest request, string username, string password, string decision = "allow")
    {
        var page = await http.GetStringAsync(new Uri(request.Url(stack.Broker.RealmUrl())));
        var toIdp = await http.GetAsync(new Uri(BrokerBrowser.SocialLink(page)));
        var authorize = await http.GetAsync(toIdp.Headers.Location);
        authorize.StatusCode.Should().Be(HttpStatusCode.SeeOther, "MockIdp answers the authorization request with a 303 to its login page (step 6)");
        var loginUrl = new Uri(new Uri(stack.Idp.BaseUrl), authorize.Headers.Location!);
        var login = await http.GetStringAsync(loginUrl);
        var consent = await http.PostAsync(new Uri($"{stack.Idp.BaseUrl}/login"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["tx"] = Hidden(login, "tx"), ["username"] = username, ["password"] = password,
        }));
        var consentPage = consent.StatusCode == HttpStatusCode.SeeOther
            ? await http.GetStringAsync(new Uri(new Uri(stack.Idp.BaseUrl), consent.Headers.Location!))
            : await consent.Content.ReadAsStringAsync();
        consentPage.Should().Contain("consent-allow");
        var back = await http.PostAsync(new Uri($"{stack.Idp.BaseUrl}/consent"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["tx"] = Hidden(consentPage, "tx"), ["decision"] = decision,
        }));
        back.Headers.Location!.GetLeftPart(UriPartial.Path).Should().Be($"{stack.Broker.RealmUrl()}/broker/mockidp/endpoint");
        return await http.GetAsync(back.Headers.Location);
    }

    private static string Hidden(string html, string name) =>
        WebUtility.HtmlDecode(HiddenPattern().Matches(html).Single(m => m.Groups[1].Value == name).Groups[2].Value);

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenPattern();
}
