using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.ReferenceServer.Tests.Support;

namespace PbenchAuthSpec.ReferenceServer.Tests;

/// <summary>Every rule of the bearer-token check, on an endpoint that needs a user (SPEC step 20's matrix).</summary>
public sealed class TokenValidationTests
{
    private const string NeedsUser = "/api/v1/datasets?mine=true";

    private static readonly SigningKey ForeignKey = SigningKey.Generate();
    private static readonly SigningKey ForeignKeyWithBrokerKid = SigningKey.Generate(FakeBroker.FixtureKey.Kid);

    public static IEnumerable<TestCaseData> InvalidTokens()
    {
        yield return Case("expired exp", t => t.Tokens.Access(change: c => c["exp"] = Now(t) - 1), "expired");
        yield return Case("exp missing", t => t.Tokens.Access(change: c => c.Remove("exp")), "no exp");
        yield return Case("nbf in the future", t => t.Tokens.Access(change: c => c["nbf"] = Now(t) + 60), "not valid before");
        yield return Case("payload altered after signing", Altered, "signature");
        yield return Case("unknown kid", t => t.Tokens.Access(signer: ForeignKey), "no key with kid");
        yield return Case("alg none", t => TokenFactory.Unsigned(t.Tokens.AccessClaims()), "alg 'none'");
        yield return Case("HS256 with the realm public_key as secret", t => TokenFactory.Hs256(t.Tokens.AccessClaims(), Encoding.ASCII.GetBytes(t.Broker.ActiveKey.PublicKeyDerBase64)), "alg 'HS256'");
        yield return Case("foreign RS256 key reusing the broker's kid", t => t.Tokens.Access(signer: ForeignKeyWithBrokerKid), "signature");
        yield return Case("wrong iss", t => t.Tokens.Access(change: c => c["iss"] = "http://127.0.0.1:1/realms/pbench-server"), "iss");
        yield return Case("aud without the audience", t => t.Tokens.Access(change: c => c["aud"] = new JsonArray("account")), "aud");
        yield return Case("aud missing", t => t.Tokens.Access(change: c => c.Remove("aud")), "aud");
        yield return Case("a token of another realm", OtherRealm, "no key with kid");
        yield return Case("the id_token as access token", t => t.Tokens.IdToken(), "aud");
        yield return Case("the refresh token as access token", t => t.Tokens.RefreshToken(), "aud");
        yield return Case("typ Refresh even with the right aud", t => t.Tokens.Access(change: c => c["typ"] = "Refresh"), "typ");
        yield return Case("no sub", t => t.Tokens.Access(change: c => c.Remove("sub")), "no sub");
        yield return Case("garbage", _ => "not-a-token", "neither");
        yield return Case("three garbage segments", _ => "abc.def.ghi", "neither");
        yield return Case("truncated in the header", t => t.Tokens.Access()[..20], "neither");
        yield return Case("truncated signature", t => t.Tokens.Access()[..^6], "signature");
    }

    [TestCaseSource(nameof(InvalidTokens))]
    public async Task Invalid_token_where_a_user_is_needed_gets_401_invalid_token(Func<TargetWithBroker, string> mint, string reason)
    {
        await using var target = await TargetWithBroker.StartAsync();

        var response = await target.GetAsync(NeedsUser, mint(target));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        TargetWithBroker.Challenge(response).Should().StartWith("Bearer error=\"invalid_token\"").And.Contain("error_description=");
        (await TargetWithBroker.MessageAsync(response)).Should().StartWith("Invalid bearer token").And.Contain(reason);
    }

    [TestCaseSource(nameof(InvalidTokens))]
    public async Task Invalid_token_on_a_public_read_is_served_as_anonymous(Func<TargetWithBroker, string> mint, string reason)
    {
        await using var target = await TargetWithBroker.StartAsync();

        var response = await target.GetAsync("/api/v1/datasets", mint(target));

        response.StatusCode.Should().Be(HttpStatusCode.OK, reason);
        var body = await response.Content.ReadAsStringAsync();
        body.Should().Contain("bob-public-1").And.NotContain("alice-private-1");
    }

    [Test]
    public async Task Valid_token_with_aud_array_containing_the_audience_gets_200()
    {
        await using var target = await TargetWithBroker.StartAsync();

        var response = await target.GetAsync(NeedsUser, target.Tokens.Access());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("alice-private-1").And.NotContain("bob-public-1");
    }

    [Test]
    public async Task Valid_token_with_aud_as_a_single_string_gets_200()
    {
        await using var target = await TargetWithBroker.StartAsync();

        var response = await target.GetAsync(NeedsUser, target.Tokens.Access(change: c => c["aud"] = TokenFactory.Audience));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Bearer_scheme_is_case_insensitive()
    {
        await using var target = await TargetWithBroker.StartAsync();

        var response = await target.SendRawAsync(HttpMethod.Get, NeedsUser, $"bearer {target.Tokens.Access()}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Token_is_refused_from_the_second_its_exp_is_reached_with_no_leeway()
    {
        await using var target = await TargetWithBroker.StartAsync();
        var token = target.Tokens.Access();

        target.Clock.Advance(TimeSpan.FromSeconds(299));
        var before = await target.GetAsync(NeedsUser, token);
        target.Clock.Advance(TimeSpan.FromSeconds(1));
        var at = await target.GetAsync(NeedsUser, token);

        before.StatusCode.Should().Be(HttpStatusCode.OK);
        at.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await TargetWithBroker.MessageAsync(at)).Should().Contain("expired");
    }

    [Test]
    public async Task Token_becomes_valid_when_the_clock_reaches_nbf()
    {
        await using var target = await TargetWithBroker.StartAsync();
        var token = target.Tokens.Access(change: c => c["nbf"] = Now(target) + 10);

        var early = await target.GetAsync(NeedsUser, token);
        target.Clock.Advance(TimeSpan.FromSeconds(10));
        var onTime = await target.GetAsync(NeedsUser, token);

        early.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        onTime.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [TestCase("Basic YWxpY2U6YWxpY2UtcGFzc3dvcmQ=")]
    [TestCase("Token abc")]
    [TestCase("Bearertoken")]
    public async Task Other_scheme_is_no_credentials_and_gets_401_with_a_plain_bearer_challenge(string authorization)
    {
        await using var target = await TargetWithBroker.StartAsync();

        var response = await target.SendRawAsync(HttpMethod.Get, NeedsUser, authorization);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        // RFC 6750 §3.1: no error code when the request carries no bearer credentials.
        TargetWithBroker.Challenge(response).Should().Be("Bearer realm=\"pbench-server\"");
        (await TargetWithBroker.MessageAsync(response)).Should().Contain("not supported");
    }

    [TestCase("Bearer")]
    [TestCase("Bearer ")]
    [TestCase("Bearer    ")]
    public async Task Empty_bearer_gets_401_invalid_token(string authorization)
    {
        await using var target = await TargetWithBroker.StartAsync();

        var response = await target.SendRawAsync(HttpMethod.Get, NeedsUser, authorization);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        TargetWithBroker.Challenge(response).Should().Contain("error=\"invalid_token\"");
    }

    [Test]
    public async Task Token_in_the_query_string_is_not_a_credential()
    {
        await using var target = await TargetWithBroker.StartAsync();

        var response = await target.GetAsync($"{NeedsUser}&access_token={target.Tokens.Access()}");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        TargetWithBroker.Challenge(response).Should().Be("Bearer realm=\"pbench-server\"");
        (await TargetWithBroker.MessageAsync(response)).Should().Be("'mine' filter requires authentication");
    }

    [Test]
    public async Task Two_authorization_headers_are_a_bad_request()
    {
        await using var target = await TargetWithBroker.StartAsync();
        var token = target.Tokens.Access();

        var (status, head, body) = await RawHttp.SendAsync(
            target.Server.BaseUrl,
            RawHttp.Get(target.Server.BaseUrl, "/api/v1/datasets", $"Authorization: Bearer {token}", $"Authorization: Bearer {token}"));

        status.Should().Be(400);
        head.Should().Contain("error=\"invalid_request\"");
        body.Should().Contain("more than one Authorization header");
    }

    private static TestCaseData Case(string name, Func<TargetWithBroker, string> mint, string reason) =>
        new TestCaseData(mint, reason).SetArgDisplayNames(name);

    private static long Now(TargetWithBroker target) => target.Clock.GetUtcNow().ToUnixTimeSeconds();

    private static string Altered(TargetWithBroker target)
    {
        var claims = target.Tokens.AccessClaims();
        claims["preferred_username"] = "admin";
        return TokenFactory.WithPayload(target.Tokens.Sign(target.Tokens.AccessClaims()), claims);
    }

    private static string OtherRealm(TargetWithBroker target)
    {
        var other = new TokenFactory($"{target.Broker.BaseUrl}/realms/other-realm", ForeignKey, target.Clock);
        return other.Access();
    }
}
