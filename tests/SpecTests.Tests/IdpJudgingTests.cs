using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.IdentityModel.Tokens;
using NUnit.Framework;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Tokens;
using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Tests;

/// <summary>Steps 5–11 judged for any upstream IdP: its refusals, its signing algorithms, the principal, the raw URLs.</summary>
public sealed class IdpJudgingTests
{
    [Test]
    public void An_idp_refusal_at_step_6_is_reported_there_with_its_words_and_the_fix()
    {
        var login = new SyntheticLogin();
        login.Edit["idp-authorize"] = e => e with
        {
            ResponseHeaders = new Dictionary<string, string> { ["Location"] = SyntheticLogin.BrokerCallback + "?error=invalid_request&error_description=Authorization+Server+policy+requires+PKCE+to+be+used+for+this+request&state=x" },
        };
        login.Edit["idp-login"] = _ => null;
        login.Edit["credentials"] = _ => null;
        login.Edit["consent-page"] = _ => null;
        login.Edit["idp-redirect"] = _ => null;

        var trace = login.Trace();
        var checks = Step05To10IdpLogin.Evaluate(trace, login.Context).ToList();

        var refusal = checks.Single(c => c.Id == "s6.idp-error");
        refusal.Verdict.Should().Be(Verdict.Fail);
        refusal.Observed.Should().Contain("error=invalid_request").And.Contain("Authorization Server policy requires PKCE to be used for this request");
        refusal.Fix.Should().Contain("enable PKCE for the identity provider in the broker");
        checks.Where(c => c.Step is >= 7 and <= 10).Should().OnlyContain(c => c.Id.EndsWith(".observed", StringComparison.Ordinal), "steps 7–10 never happen");
        Step05To10IdpLogin.RefusedAt(trace).Should().Be(6);
        trace.BrokerEndpoint.Should().NotBeNull("the IdP's answer still reaches the broker");
    }

    [TestCase("invalid_scope", "default scopes")]
    [TestCase("unauthorized_client", "register the broker's client")]
    public void An_idp_refusal_at_step_10_carries_its_description_and_a_fix(string error, string fix)
    {
        var login = new SyntheticLogin();
        login.IdpRedirectQuery.Remove("code");
        login.IdpRedirectQuery["error"] = error;
        login.IdpRedirectQuery["error_description"] = "a long description from the IdP that the report must show whole, not cut at sixty characters";

        var trace = login.Trace();
        var check = Step05To10IdpLogin.Evaluate(trace, login.Context).Single(c => c.Id == "s10.no-error");

        check.Verdict.Should().Be(Verdict.Fail);
        check.Observed.Should().Be($"error={error}: a long description from the IdP that the report must show whole, not cut at sixty characters");
        check.Fix.Should().Contain(fix);
        Step05To10IdpLogin.RefusedAt(trace).Should().Be(10);
    }

    [Test]
    public void An_es256_id_token_from_the_idp_passes_step_11()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var login = new SyntheticLogin { SignIdpId = c => Es256(c, ec, "ec-1") };

        var checks = Step11Federation.Evaluate(login.Trace(), login.Context, login.Federation() with { IdpJwks = EcJwks(ec, "ec-1") });

        checks.Single(c => c.Id == "s11.idp-id-token").Verdict.Should().Be(Verdict.Pass, "OIDC allows any asymmetric algorithm the IdP registered");
    }

    [Test]
    public void Jwks_verifies_rs_ps_and_es_signatures_by_kid_and_refuses_the_rest()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var rsa = RSA.Create(2048);
        var p = rsa.ExportParameters(false);
        var jwks = Jwks.Parse(new JsonObject
        {
            ["keys"] = new JsonArray(
                new JsonObject { ["kty"] = "RSA", ["kid"] = "rsa-1", ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent) },
                EcJwk(ec, "ec-1")),
        }.ToJsonString());
        var claims = new JsonObject { ["sub"] = "x" };

        Verifies(jwks, Sign("PS256", "rsa-1", claims, d => rsa.SignData(d, HashAlgorithmName.SHA256, RSASignaturePadding.Pss))).Should().BeTrue();
        Verifies(jwks, Sign("RS512", "rsa-1", claims, d => rsa.SignData(d, HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1))).Should().BeTrue();
        Verifies(jwks, Es256(claims, ec, "ec-1")).Should().BeTrue();
        Verifies(jwks, Es256(claims, ec, "rsa-1")).Should().BeFalse("an ES256 token naming an RSA key");
        Verifies(jwks, Sign("HS256", "rsa-1", claims, d => HMACSHA256.HashData(new byte[32], d))).Should().BeFalse();
        Verifies(jwks, JwsSigner.Unsecured(claims, "ec-1")).Should().BeFalse();
        Verifies(jwks, Es256(claims, ec, "ec-1")[..^4] + "AAAA").Should().BeFalse("a tampered signature");
    }

    [Test]
    public void A_token_for_another_user_than_the_login_user_fails_s16_principal_naming_both()
    {
        var login = new SyntheticLogin();
        login.AccessClaims["preferred_username"] = "d3aa385a91dd2afb";

        var check = login.Evaluate().Single(c => c.Id == "s16.principal");

        check.Verdict.Should().Be(Verdict.Fail);
        check.Expected.Should().Contain("'alice'");
        check.Observed.Should().Contain("'d3aa385a91dd2afb'");
        check.Fix.Should().Contain("userinfo");
    }

    [Test]
    public void A_location_keeps_its_percent_escapes_so_step_13_matches_the_url_the_browser_loaded()
    {
        var login = new SyntheticLogin();
        login.BrokerRedirectParameters["error_description"] = "a description with spaces";

        var check = login.Evaluate().Single(c => c.Id == "s13.location");

        Urls.Absolute("http://broker.test/x", "http://target.test/cb?e=a%20b").Should().Be("http://target.test/cb?e=a%20b");
        Urls.Absolute("http://broker.test/x", "/cb?e=a%20b").Should().Be("http://broker.test/cb?e=a%20b");
        check.Verdict.Should().Be(Verdict.Pass, check.ToString());
    }

    private static bool Verifies(Jwks jwks, string token) => jwks.Verifies(DecodedJwt.TryDecode(token, out _)!, out _);

    private static string Es256(JsonObject claims, ECDsa key, string kid) => Sign("ES256", kid, claims, d => key.SignData(d, HashAlgorithmName.SHA256));

    private static string Sign(string alg, string kid, JsonObject claims, Func<byte[], byte[]> sign)
    {
        var input = $"{Base64UrlEncoder.Encode(new JsonObject { ["alg"] = alg, ["kid"] = kid }.ToJsonString())}.{Base64UrlEncoder.Encode(claims.ToJsonString())}";
        return $"{input}.{Base64UrlEncoder.Encode(sign(Encoding.ASCII.GetBytes(input)))}";
    }

    private static JsonObject EcJwk(ECDsa key, string kid)
    {
        var p = key.ExportParameters(false);
        return new JsonObject { ["kty"] = "EC", ["crv"] = "P-256", ["kid"] = kid, ["x"] = Base64UrlEncoder.Encode(p.Q.X), ["y"] = Base64UrlEncoder.Encode(p.Q.Y) };
    }

    private static Jwks EcJwks(ECDsa key, string kid) => Jwks.Parse(new JsonObject { ["keys"] = new JsonArray(EcJwk(key, kid)) }.ToJsonString());
}
