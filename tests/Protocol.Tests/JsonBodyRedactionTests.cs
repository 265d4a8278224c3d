using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;

namespace PbenchAuthSpec.Protocol.Tests;

/// <summary>Secrets in JSON bodies (Keycloak's admin REST API) never reach a journal or a report.</summary>
public sealed class JsonBodyRedactionTests
{
    private const string Secret = "s3cret-in-json";

    [TestCase("""{"username":"carol","credentials":[{"type":"password","value":"s3cret-in-json","temporary":false}]}""", TestName = "A new user's password credential is redacted")]
    [TestCase("""{"type":"password","value":"s3cret-in-json","temporary":false}""", TestName = "A reset-password body is redacted")]
    [TestCase("""{"clientId":"pbench-server","secret":"s3cret-in-json"}""", TestName = "A client's secret is redacted")]
    [TestCase("""{"alias":"corp","config":{"clientId":"pbench-broker","clientSecret":"s3cret-in-json"}}""", TestName = "An identity provider's client secret is redacted")]
    [TestCase("""[{"PASSWORD":"s3cret-in-json"}]""", TestName = "A password property in any case inside an array is redacted")]
    [TestCase("""{"\u0070assword":"s3cret-in-json"}""", TestName = "A password property spelled with a JSON escape is redacted")]
    public void Secrets_in_JSON_bodies_are_replaced_in_the_journal(string body)
    {
        var journal = new Journal();

        journal.Add(Entry(body));

        var kept = journal.Entries().Single().RequestBody!;
        kept.Should().NotContain(Secret).And.Contain(JournalRedaction.Mark);
        JsonNode.Parse(kept).Should().NotBeNull("the redacted body is still JSON a report can show");
    }

    [Test]
    public void A_JSON_body_without_secrets_is_kept_byte_for_byte()
    {
        const string Body = """{ "clientId": "pbench-server",  "redirectUris": ["http://127.0.0.1/*"], "type": "confidential" }""";

        JournalRedaction.Body(Body).Should().BeSameAs(Body);
    }

    [Test]
    public void A_credential_value_that_is_not_a_password_is_kept()
    {
        const string Body = """{"type":"otp","value":"123456"}""";

        JournalRedaction.Body(Body).Should().Be(Body);
    }

    [Test]
    public void A_cut_or_broken_JSON_body_that_names_a_secret_is_replaced_whole()
    {
        var cut = $$"""{"type":"password","value":"{{Secret}}","temp""";

        JournalRedaction.Body(cut).Should().NotContain(Secret).And.StartWith(JournalRedaction.Mark);
    }

    [Test]
    public void Redacting_a_JSON_body_twice_changes_nothing_more()
    {
        var once = JournalRedaction.Body($$"""{"password":"{{Secret}}"}""");

        JournalRedaction.Body(once).Should().BeSameAs(once).And.Be("""{"password":"REDACTED"}""");
    }

    [Test]
    public void A_form_body_is_still_redacted_as_a_form()
    {
        JournalRedaction.Body($"username=alice&password={Secret}").Should().Be("username=alice&password=REDACTED");
    }

    private static JournalEntry Entry(string body) =>
        new(1, DateTimeOffset.UnixEpoch, "broker", "POST", "http://127.0.0.1/admin/realms/pbench-server/users", new Dictionary<string, string> { ["Content-Type"] = "application/json" }, body, 201, new Dictionary<string, string>(), null, null);
}
