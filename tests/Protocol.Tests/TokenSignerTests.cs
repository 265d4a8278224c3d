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
    public async Task A_signer_verifies_its_own_tokens()
    {
        var signer = TokenSigner.Rs256(Key);

        (await signer.VerifiesAsync(CompactJwt.Read(signer.Sign(Claims))!)).Should().BeTrue();
    }

    [Test]
    public async Task An_expired_token_still_verifies_as_lifetime_is_the_callers_rule()
    {
        // The stand-ins answer "token is expired", not "invalid token signature", for their own expired tokens.
        var signer = TokenSigner.Rs256(Key);
        var expired = signer.Sign(Encoding.UTF8.GetBytes("{\"iss\":\"x\",\"exp\":1000,\"nbf\":999,\"aud\":\"someone-else\"}"));

        (await signer.VerifiesAsync(CompactJwt.Read(expired)!)).Should().BeTrue();
    }

    [Test]
    public async Task A_changed_payload_does_not_verify()
    {
        var signer = TokenSigner.Rs256(Key);
        var parts = signer.Sign(Claims).Split('.');
        var forged = string.Join('.', parts[0], Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"iss\":\"x\"}")).TrimEnd('=').Replace('+', '-').Replace('/', '_'), parts[2]);

        (await signer.VerifiesAsync(CompactJwt.Read(forged)!)).Should().BeFalse();
    }

    [Test]
    public async Task Another_key_typ_or_algorithm_does_not_verify()
    {
        var token = CompactJwt.Read(TokenSigner.Rs256(Key).Sign(Claims))!;

        (await TokenSigner.Rs256(SigningKey.Generate(kid: "k1")).VerifiesAsync(token)).Should().BeFalse("same kid, other key");
        (await TokenSigner.Rs256(Key, "at+jwt").VerifiesAsync(token)).Should().BeFalse("typ JWT is not at+jwt");
        (await TokenSigner.Hs512("k1").VerifiesAsync(token)).Should().BeFalse();
    }

    [TestCase("none")]
    [TestCase("HS256")]
    [TestCase("RS512")]
    public async Task A_header_naming_another_algorithm_does_not_verify(string alg)
    {
        // RFC 8725 §2.1: the header's alg must not choose how the token is checked.
        var signer = TokenSigner.Rs256(Key);
        var parts = signer.Sign(Claims).Split('.');
        var header = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{{\"alg\":\"{alg}\",\"kid\":\"k1\",\"typ\":\"JWT\"}}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        (await signer.VerifiesAsync(CompactJwt.Read($"{header}.{parts[1]}.{parts[2]}")!)).Should().BeFalse();
    }

    [Test]
    public async Task A_token_with_another_kid_does_not_verify()
    {
        var token = CompactJwt.Read(TokenSigner.Rs256(SigningKey.FromRsa(Key.Rsa, "k2")).Sign(Claims))!;

        (await TokenSigner.Rs256(Key).VerifiesAsync(token)).Should().BeFalse("kid k2 is not this signer's k1, though the key is the same");
    }

    [Test]
    public async Task Hs512_tokens_verify_only_with_their_own_secret()
    {
        var signer = TokenSigner.Hs512("refresh");
        var token = CompactJwt.Read(signer.Sign(Claims))!;

        (token.Alg, token.Kid, token.Typ).Should().Be(("HS512", "refresh", "JWT"));
        (await signer.VerifiesAsync(token)).Should().BeTrue();
        (await TokenSigner.Hs512("refresh").VerifiesAsync(token)).Should().BeFalse("another secret");
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
