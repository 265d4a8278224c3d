using System.Text;
using FluentAssertions;
using NUnit.Framework;

namespace PbenchAuthSpec.Protocol.Tests;

/// <summary>RFC 6749 §2.3.1 client credentials: the one reader MockIdp, MockBroker and the journal share.</summary>
public sealed class BasicCredentialsTests
{
    [Test]
    public void Form_urlencoded_id_and_secret_are_decoded()
    {
        var credentials = BasicCredentials.Parse("Basic " + Base64("pbench%20broker+one:s%3Acret"), out var problem);

        problem.Should().BeNull();
        credentials.Should().Be(new BasicCredentials("pbench broker one", "s:cret"));
    }

    [Test]
    public void What_is_written_reads_back_the_same()
    {
        var written = "basic " + BasicCredentials.Encode("client id:é", "p@ss word%");

        BasicCredentials.Parse(written, out _).Should().Be(new BasicCredentials("client id:é", "p@ss word%"));
    }

    [TestCase("Bearer abc", "is not client authentication")]
    [TestCase("Basic !!!not-base64!!!", "not base64")]
    [TestCase("Basic /zr+", "not UTF-8")]
    public void Refusals_say_what_is_wrong(string header, string why)
    {
        BasicCredentials.Parse(header, out var problem).Should().BeNull();
        problem.Should().Contain(why);
    }

    [TestCase("no-colon", "no ':'")]
    [TestCase("pbench%ZZbroker:secret", "not form-urlencoded")]
    [TestCase("clïent:secret", "not form-urlencoded")]
    [TestCase(":secret", "empty client_id")]
    public void Decoded_text_that_is_not_form_urlencoded_id_and_secret_is_refused(string text, string why)
    {
        BasicCredentials.Parse("Basic " + Base64(text), out var problem).Should().BeNull();
        problem.Should().Contain(why);
    }

    [Test]
    public void An_overlong_header_is_refused_unread()
    {
        BasicCredentials.Parse("Basic " + new string('A', BasicCredentials.MaxHeaderLength), out var problem).Should().BeNull();
        problem.Should().Contain("longer than");
    }

    [TestCase("Basic abc", true)]
    [TestCase("BASIC", true)]
    [TestCase("Bearer abc", false)]
    [TestCase("Basicabc", false)]
    public void The_scheme_is_basic_in_any_case(string header, bool basic) =>
        BasicCredentials.IsBasic(header).Should().Be(basic);

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
