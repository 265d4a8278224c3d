using FluentAssertions;
using NUnit.Framework;

namespace PbenchAuthSpec.Protocol.Tests;

/// <summary>RFC 7636 as every stand-in and the walk apply it (Protocol's one implementation).</summary>
public sealed class PkceTests
{
    // RFC 7636 Appendix B's example.
    private const string Verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private const string Challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    [Test]
    public void S256_of_the_rfc_example_verifier_is_its_challenge() =>
        Pkce.S256(Verifier).Should().Be(Challenge);

    [Test]
    public void The_right_verifier_verifies_under_S256_and_plain()
    {
        Pkce.Verifies(Verifier, Challenge, "S256").Should().BeTrue();
        Pkce.Verifies(Verifier, Verifier, "plain").Should().BeTrue();
        Pkce.Verifies(Verifier, Verifier, null).Should().BeTrue("no method means plain (RFC 7636 §4.3)");
    }

    [Test]
    public void A_wrong_verifier_or_a_method_mismatch_does_not_verify()
    {
        Pkce.Verifies(Verifier[..^1] + "l", Challenge, "S256").Should().BeFalse();
        Pkce.Verifies(Verifier, Challenge, "plain").Should().BeFalse("plain compares the verifier itself");
        Pkce.Verifies(Verifier, Verifier, "S256").Should().BeFalse();
    }

    [TestCase(42, false)]
    [TestCase(43, true)]
    [TestCase(128, true)]
    [TestCase(129, false)]
    public void A_verifier_is_43_to_128_characters(int length, bool wellFormed) =>
        Pkce.IsWellFormed(new string('a', length)).Should().Be(wellFormed);

    [TestCase("~._-")]
    [TestCase("+/=")]
    [TestCase(" ")]
    public void Only_unreserved_characters_are_well_formed(string tail) =>
        Pkce.IsWellFormed(new string('a', 43) + tail).Should().Be(tail == "~._-");

    [Test]
    public void An_S256_challenge_is_43_characters_of_base64url()
    {
        Pkce.IsS256Shaped(Challenge).Should().BeTrue();
        Pkce.IsS256Shaped(Challenge + "A").Should().BeFalse();
        Pkce.IsS256Shaped(Challenge[..42] + "~").Should().BeFalse("~ is unreserved but not base64url");
    }
}
