using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.SpecTests.Tokens;

namespace PbenchAuthSpec.SpecTests.Tests;

/// <summary>The invalid-token matrix: each forged token is what its case says, and cases needing the broker's key skip without it.</summary>
public sealed class TokenForgeTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    internal static ForgeInputs Inputs(SigningKey? key) => new()
    {
        AccessToken = DecodedJwt.TryDecode(new SyntheticLogin().AccessToken, out _)!,
        IdToken = "id.token.x",
        RefreshToken = "refresh.token.x",
        Issuer = SyntheticLogin.Realm,
        Audience = "pbench-server",
        BrokerKey = key,
        Jwks = SyntheticKeys.BrokerJwks,
        RealmPublicKey = SyntheticKeys.Broker.PublicKeyDerBase64,
        OtherRealmToken = null,
        Now = Now,
    };

    private static DecodedJwt Token(MatrixCase c, int attempt = 0) =>
        DecodedJwt.TryDecode(c.Attempts[attempt].Authorization!["Bearer ".Length..], out _)!;

    private static MatrixCase Case(string id, SigningKey? key = null) =>
        new TokenForge(Inputs(key ?? SyntheticKeys.Broker)).InvalidTokenCases().Concat(new TokenForge(Inputs(key ?? SyntheticKeys.Broker)).PositiveControls()).Single(c => c.Id == id);

    [Test]
    public void The_matrix_has_every_invalid_token_case_and_control_the_spec_lists()
    {
        var ids = new TokenForge(Inputs(SyntheticKeys.Broker)).InvalidTokenCases().Select(c => c.Id);

        ids.Should().BeEquivalentTo(["no-token", "expired", "exp-missing", "nbf-future", "payload-altered", "unknown-kid", "alg-none", "hs256-public-key",
            "foreign-key-same-kid", "wrong-iss", "aud-without-audience", "other-realm", "id-token", "refresh-token", "garbage", "truncated", "wrong-scheme", "empty-bearer", "query-token"]);
    }

    [Test]
    public void Forged_tokens_change_exactly_one_thing_and_verify_with_the_broker_key()
    {
        var jwks = SyntheticKeys.BrokerJwks;

        Token(Case("expired")).NumericClaim("exp").Should().BeLessThan(Now.ToUnixTimeSeconds());
        Token(Case("exp-missing")).Payload.ContainsKey("exp").Should().BeFalse();
        Token(Case("nbf-future")).NumericClaim("nbf").Should().BeGreaterThan(Now.ToUnixTimeSeconds());
        Token(Case("wrong-iss")).Claim("iss").Should().NotBe(SyntheticLogin.Realm);
        Token(Case("aud-without-audience")).Audiences.Should().NotContain("pbench-server");
        foreach (var id in new[] { "expired", "exp-missing", "nbf-future", "wrong-iss", "aud-without-audience" })
        {
            jwks.VerifiesRs256(Token(Case(id)), out var why).Should().BeTrue($"{id}: {why}");
            Token(Case(id)).Claim("sub").Should().Be("u-1", "the forged token copies the real token's claims");
        }
    }

    [Test]
    public void Signature_attacks_do_not_verify()
    {
        var jwks = SyntheticKeys.BrokerJwks;

        jwks.VerifiesRs256(Token(Case("payload-altered")), out _).Should().BeFalse();
        jwks.VerifiesRs256(Token(Case("foreign-key-same-kid")), out _).Should().BeFalse();
        Token(Case("foreign-key-same-kid")).Kid.Should().Be(SyntheticKeys.Broker.Kid);
        Token(Case("unknown-kid")).Kid.Should().NotBe(SyntheticKeys.Broker.Kid);
        Token(Case("alg-none")).Alg.Should().Be("none");
        Token(Case("alg-none")).Signature.Should().BeEmpty();
    }

    [Test]
    public void Algorithm_confusion_is_HS256_keyed_with_the_public_key_in_three_encodings()
    {
        var confusion = Case("hs256-public-key");
        var pem = Encoding.UTF8.GetBytes(SyntheticKeys.Broker.Rsa.ExportSubjectPublicKeyInfoPem() + "\n");

        confusion.Attempts.Should().HaveCount(3);
        var first = Token(confusion);
        first.Alg.Should().Be("HS256");
        HMACSHA256.HashData(pem, Encoding.UTF8.GetBytes(first.SigningInput)).Should().Equal(first.Signature);
    }

    [Test]
    public void Header_and_query_cases_send_what_they_say()
    {
        Case("empty-bearer").Attempts.Select(a => a.Authorization).Should().Contain("Bearer");
        Case("wrong-scheme").Attempts.Should().OnlyContain(a => !a.Authorization!.StartsWith("Bearer", StringComparison.Ordinal));
        Case("query-token").Attempts.Should().ContainSingle().Which.Should().Match<MatrixAttempt>(a => a.Authorization == null && a.QueryToken != null);
        Case("no-token").Attempts.Should().ContainSingle().Which.Authorization.Should().BeNull();
        Case("lower-case-scheme").Attempts[0].Authorization.Should().StartWith("bearer ");
    }

    [Test]
    public void Without_the_broker_key_the_cases_that_need_it_are_skipped_with_the_reason()
    {
        var forge = new TokenForge(Inputs(null) with { BrokerKey = null });

        var skipped = forge.InvalidTokenCases().Concat(forge.PositiveControls()).Where(c => c.SkipReason is not null).ToList();

        skipped.Select(c => c.Id).Should().BeEquivalentTo(["expired", "exp-missing", "nbf-future", "wrong-iss", "aud-without-audience", "other-realm"], "aud-array sends step 16's own array-aud token");
        skipped.Where(c => c.Id != "other-realm").Should().OnlyContain(c => c.SkipReason!.Contains("private key is unknown", StringComparison.Ordinal));
    }

    [Test]
    public void The_positive_controls_are_valid_tokens()
    {
        var rotated = SigningKey.Generate("rotated-k2");
        var forge = new TokenForge(Inputs(SyntheticKeys.Broker));

        var aud = Token(Case("aud-array"));
        var rotation = Token(forge.RotatedKey(rotated));

        aud.Audiences.Should().Equal("pbench-server", "account");
        SyntheticKeys.BrokerJwks.VerifiesRs256(aud, out _).Should().BeTrue();
        rotation.Kid.Should().Be("rotated-k2");
        rotation.NumericClaim("exp").Should().BeGreaterThan(Now.ToUnixTimeSeconds());
    }

    [Test]
    public void Without_the_broker_key_aud_as_an_array_is_the_broker_s_own_token_when_its_aud_is_one()
    {
        var inputs = Inputs(null);

        var control = new TokenForge(inputs).PositiveControls().Single(c => c.Id == "aud-array");

        control.SkipReason.Should().BeNull();
        control.BrokerToken.Should().BeTrue("a refusal of the broker's own token is explained by step 16's findings");
        control.Attempts.Single().Authorization.Should().Be($"Bearer {inputs.AccessToken.Raw}");
        control.Title.Should().Contain("the broker's own token of step 16, aud [\"pbench-server\",\"account\"]");
    }

    [Test]
    public void Without_the_broker_key_a_single_string_aud_leaves_the_aud_array_control_skipped_saying_why()
    {
        var login = new SyntheticLogin();
        login.AccessClaims["aud"] = "pbench-server";
        var inputs = Inputs(null) with { AccessToken = DecodedJwt.TryDecode(login.AccessToken, out _)! };

        var control = new TokenForge(inputs).PositiveControls().Single(c => c.Id == "aud-array");

        control.SkipReason.Should().Contain("step 16's token has aud \"pbench-server\", not an array containing pbench-server");
    }

    [Test]
    public void Without_the_broker_key_aud_without_the_audience_is_a_real_token_of_another_client()
    {
        var login = new SyntheticLogin();
        login.AccessClaims["aud"] = "account";
        login.AccessClaims["azp"] = "admin-cli";
        var other = login.AccessToken;

        var control = new TokenForge(Inputs(null) with { OtherClientToken = other }).InvalidTokenCases().Single(c => c.Id == "aud-without-audience");

        control.SkipReason.Should().BeNull();
        control.Attempts.Single().Authorization.Should().Be($"Bearer {other}");
        control.Title.Should().Be("aud without pbench-server (a real token of client admin-cli, aud \"account\")");
    }

    [Test]
    public void Without_the_broker_key_another_client_s_token_that_holds_the_audience_or_none_at_all_is_a_skip_naming_why()
    {
        var holding = new TokenForge(Inputs(null) with { OtherClientToken = new SyntheticLogin().AccessToken }).InvalidTokenCases().Single(c => c.Id == "aud-without-audience");
        var none = new TokenForge(Inputs(null) with { OtherClientSkip = "no token of another client: refused (enable direct access grants on admin-cli)" }).InvalidTokenCases().Single(c => c.Id == "aud-without-audience");

        holding.SkipReason.Should().Contain("the other client's token has aud [\"pbench-server\",\"account\"], which holds pbench-server");
        none.SkipReason.Should().Contain("enable direct access grants on admin-cli");
    }
}
