using System.Net;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NUnit.Framework;
using PbenchAuthSpec.MockBroker.Tests.Support;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.SpecTests.Reports;
using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.MockBroker.Tests;

/// <summary>Issue 13, findings 7 and 8: what the journal keeps of hostile requests, and how much of it.</summary>
public sealed class JournalSafetyTests
{
    private const string Password = "bob-password";
    private const string Secret = "pbench-automation-secret";

    // Finding 7: pass%77ord= and client%5Fsecret= were decoded by the form parser but journalled in clear.
    [Test]
    public async Task Percent_encoded_password_and_client_secret_names_reach_neither_the_journal_nor_a_report()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });

        var password = await http.PostAsync(new Uri(stack.TokenUrl), Form($"grant_type=password&client_id=pbench-client&username=bob&pass%77ord={Password}"));
        var secret = await http.PostAsync(new Uri(stack.TokenUrl), Form($"grant_type=client_credentials&client_id=pbench-automation&client%5Fsecret={Secret}"));
        var wrongType = await http.PostAsync(new Uri(stack.TokenUrl), new StringContent($"grant_type=password&username=bob&%70%61%73%73%77%6F%72%64={Password}", Encoding.UTF8, "text/plain"));
        await http.GetAsync(new Uri($"{stack.RealmUrl}/protocol/openid-connect/auth?client_id=pbench-client&PASSWORD={Password}&client_secret={Secret}"));
        var journal = await http.GetStringAsync(new Uri($"{stack.Broker.BaseUrl}/__admin/requests"));

        password.StatusCode.Should().Be(HttpStatusCode.OK, "the form parser decodes pass%77ord: it is the password");
        secret.StatusCode.Should().Be(HttpStatusCode.OK, "client%5Fsecret is the client secret");
        wrongType.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        journal.Should().NotContain(Password).And.NotContain(Secret);
        journal.Should().Contain("pass%77ord=REDACTED").And.Contain("client%5Fsecret=REDACTED").And.Contain("PASSWORD=REDACTED");

        var fromBrowser = new Exchange
        {
            Id = 1,
            Method = "POST",
            Url = $"http://127.0.0.1:1/login?pass%77ord={Password}#frag",
            RequestHeaders = new Dictionary<string, string> { ["Referer"] = $"http://127.0.0.1:1/form?client%5Fsecret={Secret}" },
            RequestBody = $"username=bob&pass+word=kept&%70assword={Password}",
            ResponseHeaders = new Dictionary<string, string> { ["Location"] = $"http://127.0.0.1:1/next?password={Password}" },
        };
        var report = JsonSerializer.Serialize(Redaction.Apply(fromBrowser), ReportJson.Options);
        report.Should().NotContain(Password).And.NotContain(Secret).And.Contain("pass+word=kept", "a name that only looks alike is not a secret");
    }

    // Finding 8: bounded in entries, not bytes: 4,000 requests with 31 KB headers and 12 KB queries took 500 MB.
    [Test]
    public async Task Huge_headers_and_queries_stay_within_the_journal_byte_budget_and_clearing_gives_every_byte_back()
    {
        var limits = new JournalLimits { MaxTotalBytes = 2 * 1024 * 1024 };
        var journal = new Journal(limits);
        await using var host = await StartEchoAsync(journal);
        using var http = new HttpClient();
        var start = journal.AccountedBytes;

        for (var i = 0; i < 200; i++)
        {
            (await http.SendAsync(Huge(host))).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var full = journal.AccountedBytes;
        var listed = await http.GetStringAsync(new Uri($"{host.BaseUrl}/__admin/requests"));
        using var clear = new HttpRequestMessage(HttpMethod.Delete, new Uri($"{host.BaseUrl}/__admin/requests")) { Content = new StringContent("", Encoding.UTF8, "application/json") };
        (await http.SendAsync(clear)).StatusCode.Should().Be(HttpStatusCode.OK);

        var entries = JsonDocument.Parse(listed).RootElement.GetProperty("requests").GetArrayLength();
        entries.Should().BeInRange(1, 199, "the oldest entries went when the byte budget was spent");
        full.Should().BeGreaterThan(limits.MaxTotalBytes / 2).And.BeLessThanOrEqualTo(limits.MaxTotalBytes);
        Encoding.UTF8.GetByteCount(listed).Should().BeLessThan((int)limits.MaxTotalBytes, "GET /__admin/requests answers what the budget holds");
        journal.AccountedBytes.Should().Be(start, "clearing the journal gives back every byte it accounted for");
        journal.Count.Should().Be(0);
    }

    [Test]
    public async Task Each_entry_keeps_its_url_headers_and_bodies_within_their_caps()
    {
        var journal = new Journal();
        await using var host = await StartEchoAsync(journal);
        using var http = new HttpClient();

        await http.SendAsync(Huge(host));

        var limits = journal.Limits;
        var entry = journal.Entries().Should().ContainSingle().Subject;
        entry.Truncated.Should().BeTrue();
        entry.Url.Should().HaveLength(limits.MaxUrlChars + JournalLimits.CutMark.Length).And.EndWith(JournalLimits.CutMark);
        entry.RequestHeaders.Sum(h => h.Key.Length + h.Value.Length).Should().BeLessThanOrEqualTo(limits.MaxHeadersChars + (entry.RequestHeaders.Count * JournalLimits.CutMark.Length));
        entry.RequestHeaders.Values.Should().OnlyContain(v => v.Length <= limits.MaxHeaderValueChars + JournalLimits.CutMark.Length);
        entry.RequestBody.Should().HaveLength(limits.MaxBodyChars + JournalLimits.CutMark.Length);
        journal.AccountedBytes.Should().Be(JournalLimits.AccountedBytes(entry)).And.BeLessThan(64 * 1024, "one hostile request costs at most a few tens of KiB");
    }

    // Kestrel's limits: a 16 KiB request line and 32 KiB of headers; the body is read 4 KiB deep.
    private static HttpRequestMessage Huge(StandInHost host)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"{host.BaseUrl}/echo?q={new string('q', 12 * 1024)}"))
        {
            Content = new StringContent(new string('b', 64 * 1024), Encoding.UTF8, "application/octet-stream"),
        };
        request.Headers.Add("X-Huge", new string('h', 30 * 1024));
        return request;
    }

    private static Task<StandInHost> StartEchoAsync(Journal journal) =>
        StandInHost.StartAsync(new StandInHostOptions { Name = "echo", Journal = journal }, (app, _) => app.MapPost("/echo", () => Results.Ok()));

    private static StringContent Form(string body) => new(body, Encoding.UTF8, "application/x-www-form-urlencoded");
}
