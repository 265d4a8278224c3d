using System.Text;
using FluentAssertions;
using Microsoft.IdentityModel.Tokens;
using NUnit.Framework;

namespace PbenchAuthSpec.Protocol.Tests;

/// <summary>
/// CompactJwt's lenient reader, the harness's and the tools': what it reads (any alg, none,
/// empty signatures, any size) and the one phrase it gives for each malformation (the report
/// shows it).
/// </summary>
public sealed class CompactJwtTests
{
    private static readonly string Header = B64("""{"alg":"RS256","kid":"k1","typ":"JWT"}""");
    private static readonly string Payload = B64("""{"iss":"http://broker.test/realms/r","aud":["a","b"],"exp":2000000000}""");
    private static readonly string Signature = Base64UrlEncoder.Encode([1, 2, 3]);

    [Test]
    public void A_well_formed_token_reads_into_header_payload_signing_input_and_signature()
    {
        var token = $"{Header}.{Payload}.{Signature}";

        var jwt = CompactJwt.ReadUnverified(token, out var error)!;

        error.Should().BeEmpty();
        (jwt.Raw, jwt.Alg, jwt.Claim("iss"), jwt.SigningInput).Should().Be((token, "RS256", "http://broker.test/realms/r", $"{Header}.{Payload}"));
        jwt.Signature.Should().Equal(1, 2, 3);
    }

    [Test]
    public void An_unsecured_token_with_alg_none_and_no_signature_reads()
    {
        // RFC 7519 §6: the harness must read what a broken broker sends to say what is wrong with it.
        var jwt = CompactJwt.ReadUnverified($"{B64("""{"alg":"none"}""")}.{Payload}.", out _)!;

        jwt.Alg.Should().Be("none");
        jwt.Signature.Should().BeEmpty();
        CompactJwt.Read(jwt.Raw).Should().BeNull("the stand-ins' reader refuses what has no signature");
    }

    [Test]
    public void A_token_longer_than_the_stand_ins_cap_reads()
    {
        var big = B64($$"""{"pad":"{{new string('x', CompactJwt.MaxLength)}}"}""");

        CompactJwt.ReadUnverified($"{Header}.{big}.{Signature}", out _).Should().NotBeNull();
    }

    [Test]
    public void Members_of_another_json_type_read_as_null_strings()
    {
        var jwt = CompactJwt.ReadUnverified($"{B64("""{"alg":5}""")}.{B64("""{"sub":7,"iss":null}""")}.{Signature}", out _)!;

        (jwt.Alg, jwt.Claim("sub"), jwt.Claim("iss"), jwt.Claim("missing")).Should().Be((null, null, null, null));
    }

    [TestCase(null, "no token")]
    [TestCase("", "no token")]
    public void No_token_is_named(string? token, string expected) => Error(token).Should().Be(expected);

    [TestCase("abc", 1)]
    [TestCase("a.b", 2)]
    [TestCase("a.b.c.d.e", 5)]
    public void A_wrong_number_of_parts_is_named(string token, int parts) =>
        Error(token).Should().Be($"not a compact JWS: {parts} dot-separated parts instead of 3");

    [Test]
    public void A_header_that_is_not_base64url_is_named() =>
        Error($"!!!.{Payload}.{Signature}").Should().StartWith("not base64url JSON (");

    [Test]
    public void A_payload_that_is_not_json_is_named() =>
        Error($"{Header}.{B64("not json")}.{Signature}").Should().StartWith("not base64url JSON (");

    [Test]
    public void A_signature_that_is_not_base64url_is_named() =>
        Error($"{Header}.{Payload}.!!!").Should().StartWith("not base64url JSON (");

    [TestCase("[]")]
    [TestCase("null")]
    [TestCase("\"text\"")]
    [TestCase("42")]
    public void A_payload_that_is_json_but_no_object_is_named(string json) =>
        Error($"{Header}.{B64(json)}.{Signature}").Should().Be("header or payload is not a JSON object");

    [Test]
    public void A_header_that_is_json_but_no_object_is_named() =>
        Error($"{B64("[\"RS256\"]")}.{Payload}.{Signature}").Should().Be("header or payload is not a JSON object");

    [Test]
    public void The_throwing_form_says_what_is_malformed()
    {
        var read = () => CompactJwt.ReadUnverified("a.b");

        read.Should().Throw<FormatException>().WithMessage("not a readable JWT: not a compact JWS: 2 dot-separated parts instead of 3");
    }

    private static string Error(string? token)
    {
        CompactJwt.ReadUnverified(token, out var error).Should().BeNull();
        return error;
    }

    private static string B64(string text) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(text));
}
