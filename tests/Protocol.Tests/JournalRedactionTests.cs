using System.Net.Http.Headers;
using System.Text;
using FluentAssertions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NUnit.Framework;

namespace PbenchAuthSpec.Protocol.Tests;

/// <summary>What a journal (and so a report) keeps of the secrets a request carries.</summary>
public sealed class JournalRedactionTests
{
    private const string Secret = "s3cret-of-the-broker";

    [Test]
    public async Task Basic_credentials_reach_the_journal_as_the_client_id_only()
    {
        await using var host = await StartAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"{host.BaseUrl}/token")) { Content = Form("grant_type=authorization_code&code=abc") };
        request.Headers.Authorization = Basic($"pbench-broker:{Secret}");

        await http.SendAsync(request);

        var entry = host.Journal.Entries().Should().ContainSingle().Subject;
        entry.RequestHeaders["Authorization"].Should().Be("Basic <redacted: client_id=pbench-broker>");
        entry.RequestBody.Should().Be("grant_type=authorization_code&code=abc");
    }

    [Test]
    public async Task Bearer_tokens_and_cookies_are_kept_as_they_were_sent()
    {
        await using var host = await StartAsync();
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"{host.BaseUrl}/token")) { Content = Form("a=1") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln");
        request.Headers.Add("Cookie", "KEYCLOAK_SESSION=abc123");

        await http.SendAsync(request);

        var entry = host.Journal.Entries().Should().ContainSingle().Subject;
        entry.RequestHeaders["Authorization"].Should().Be("Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln");
        entry.RequestHeaders["Cookie"].Should().Be("KEYCLOAK_SESSION=abc123");
        entry.ResponseHeaders["Set-Cookie"].Should().StartWith("session=kept");
    }

    [Test]
    public async Task Journal_redacts_passwords_and_client_secrets_of_form_bodies()
    {
        await using var host = await StartAsync();
        using var http = new HttpClient();

        await http.PostAsync(new Uri($"{host.BaseUrl}/token"), Form($"username=alice&password=alice-password&client_secret={Secret}&code=abc"));

        host.Journal.Entries().Single().RequestBody.Should().Be("username=alice&password=REDACTED&client_secret=REDACTED&code=abc");
    }

    [Test]
    public void Entries_added_by_any_recorder_are_redacted_as_they_are_added()
    {
        var journal = new Journal();
        var headers = new Dictionary<string, string> { ["authorization"] = "basic " + Base64($"pbench-broker:{Secret}"), ["Content-Type"] = "application/x-www-form-urlencoded" };

        journal.Add(new JournalEntry(1, DateTimeOffset.UnixEpoch, "broker-back-channel", "POST", "http://idp.test/token", headers, $"client_secret={Secret}", 200, new Dictionary<string, string>(), null, null));

        var entry = journal.Entries().Single();
        entry.RequestHeaders["Authorization"].Should().Be("Basic <redacted: client_id=pbench-broker>");
        entry.RequestBody.Should().Be("client_secret=REDACTED");
    }

    [TestCase("pbench%20broker+one:x", "Basic <redacted: client_id=pbench broker one>", TestName = "The client id is form-urlencoded before base64 and shown decoded")]
    [TestCase(":secret-without-id", "Basic <redacted>", TestName = "Basic credentials with an empty client id hide everything")]
    [TestCase("no-colon-at-all", "Basic <redacted>", TestName = "Basic credentials without a colon hide everything")]
    public void Basic_credentials_show_at_most_their_client_id(string credentials, string shown) =>
        JournalRedaction.Authorization("Basic " + Base64(credentials)).Should().Be(shown);

    [TestCase("Basic !!!not-base64!!!")]
    [TestCase("Basic /zr+")]
    public void Basic_credentials_that_do_not_decode_are_replaced_whole(string value) =>
        JournalRedaction.Authorization(value).Should().Be("Basic <redacted>");

    [Test]
    public void Redacting_twice_changes_nothing_more()
    {
        var once = JournalRedaction.Authorization("Basic " + Base64($"pbench-client:{Secret}"));

        JournalRedaction.Authorization(once).Should().Be(once).And.Be("Basic <redacted: client_id=pbench-client>");
        JournalRedaction.Form(JournalRedaction.Form($"password={Secret}")).Should().Be("password=REDACTED");
    }

    private static Task<StandInHost> StartAsync() =>
        StandInHost.StartAsync(new StandInHostOptions { Name = "echo" }, (app, _) => app.MapPost("/token", (HttpResponse response) =>
        {
            response.Headers.SetCookie = "session=kept; Path=/; HttpOnly";
            return Results.Ok();
        }));

    private static StringContent Form(string body) => new(body, Encoding.UTF8, "application/x-www-form-urlencoded");

    private static AuthenticationHeaderValue Basic(string credentials) => new("Basic", Base64(credentials));

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
