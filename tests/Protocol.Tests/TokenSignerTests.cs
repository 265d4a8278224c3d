using System.Text;
using FluentAssertions;
using NUnit.Framework;

namespace PbenchAuthSpec.Protocol.Tests;

/// <summary>The stand-ins' JWS through JsonWebTokenHandler: the header they promise, and what verifies.</summary>
public sealed class TokenSignerTests
{
    private static readonly SigningKey Key = SigningKey.Generate(kid: "k1");
    private static readonly byte[] Claims = Encoding.UTF8.GetBytes("{\"iss\":\"http://broker.test/realms/r\",\"exp\":2000000000,\"typ\":\"Bearer\"}");

    [Test]
    public void An_rs256_token_has_alg_kid_and_typ_and_its_claims_as_given()
    {
        var token = TokenSigner.Rs256(Key, "at+jwt").Sign(Claims);

        var jwt = CompactJwt.Read(token)!;
        (jwt.Alg, jwt.Kid, jwt.Typ).Should().Be(("RS256", "k1", "at+jwt"));
        CompactJwt.Payload(jwt).GetRawText().Should().Be(Encoding.UTF8.GetString(Claims));
    }

    [Test]
    public void A_signer_verifies_its_own_tokens()
    {
        var signer = TokenSigner.Rs256(Key);

        signer.Verifies(CompactJwt.Read(signer.Sign(Claims))!).Should().BeTrue();
    }

    [Test]
    public void A_changed_payload_does_not_verify()
    {
        var signer = TokenSigner.Rs256(Key);
        var parts = signer.Sign(Claims).Split('.');
        var forged = string.Join('.', parts[0], Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"iss\":\"x\"}")).TrimEnd('=').Replace('+', '-').Replace('/', '_'), parts[2]);

        signer.Verifies(CompactJwt.Read(forged)!).Should().BeFalse();
    }

    [Test]
    public void Another_key_typ_or_algorithm_does_not_verify()
    {
        var token = CompactJwt.Read(TokenSigner.Rs256(Key).Sign(Claims))!;

        TokenSigner.Rs256(SigningKey.Generate(kid: "k1")).Verifies(token).Should().BeFalse("same kid, other key");
        TokenSigner.Rs256(Key, "at+jwt").Verifies(token).Should().BeFalse("typ JWT is not at+jwt");
        TokenSigner.Hs512("k1").Verifies(token).Should().BeFalse();
    }

    [Test]
    public void Hs512_tokens_verify_only_with_their_own_secret()
    {
        var signer = TokenSigner.Hs512("refresh");
        var token = CompactJwt.Read(signer.Sign(Claims))!;

        (token.Alg, token.Kid, token.Typ).Should().Be(("HS512", "refresh", "JWT"));
        signer.Verifies(token).Should().BeTrue();
        TokenSigner.Hs512("refresh").Verifies(token).Should().BeFalse("another secret");
    }

    [TestCase("")]
    [TestCase("garbage")]
    [TestCase("a.b.c")]
    [TestCase("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")]
    [TestCase("eyJhbGciOiJSUzI1NiJ9.W10.c2ln")]
    public void Malformed_tokens_read_as_null(string token) =>
        CompactJwt.Read(token).Should().BeNull();

    [Test]
    public void At_hash_is_the_left_half_of_sha256()
    {
        // OIDC Core §3.1.3.6: 16 bytes, 22 base64url characters.
        var hash = TokenSigner.AccessTokenHash("token");
        hash.Should().HaveLength(22);
        TokenSigner.AccessTokenHash("token2").Should().NotBe(hash);
    }
}
