using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;

namespace PbenchAuthSpec.MockIdp.Tests;

/// <summary>Every malformed request gets a 4xx with an OAuth error body, never a 500 or a hang, and the server keeps serving.</summary>
[TestFixture]
public sealed class MalformedRequestTests
{
    private MockIdpServer _idp = null!;
    private HttpClient _http = null!;

    public static IEnumerable<TestCaseData> Cases() =>
        MalformedRequests.All().Select(c => new TestCaseData(c).SetName($"Malformed request gets {c.Status} {c.Error}: {c.Name}"));

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _idp = await TestIdp.StartAsync();
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) };
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _http.Dispose();
        await _idp.DisposeAsync();
    }

    [Test]
    public void The_catalogue_holds_at_least_30_distinct_requests()
    {
        var names = MalformedRequests.All().Select(c => c.Name).ToList();

        names.Should().OnlyHaveUniqueItems();
        names.Count.Should().BeGreaterThanOrEqualTo(30);
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Malformed_request_gets_a_4xx_with_an_OAuth_error_body(MalformedRequest malformed)
    {
        using var request = malformed.Build(_idp.BaseUrl);

        using var response = await _http.SendAsync(request);
        var body = await ReadErrorAsync(response);

        ((int)response.StatusCode).Should().Be(malformed.Status, body?.ToJsonString());
        body.Should().NotBeNull("the body is RFC 6749 §5.2 JSON");
        ((string?)body!["error"]).Should().Be(malformed.Error);
        ((string?)body["error_description"]).Should().NotBeNullOrWhiteSpace();
        response.Headers.Location.Should().BeNull();
        (await _http.GetAsync(new Uri($"{_idp.BaseUrl}/.well-known/openid-configuration"))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task A_fresh_server_still_serves_discovery_after_every_malformed_request()
    {
        await using var idp = await TestIdp.StartAsync();
        var statuses = new List<int>();
        foreach (var malformed in MalformedRequests.All())
        {
            using var request = malformed.Build(idp.BaseUrl);
            using var response = await _http.SendAsync(request);
            statuses.Add((int)response.StatusCode);
        }

        var discovery = await _http.GetAsync(new Uri($"{idp.BaseUrl}/.well-known/openid-configuration"));

        statuses.Should().OnlyContain(s => s >= 400 && s < 500);
        discovery.StatusCode.Should().Be(HttpStatusCode.OK);
        idp.Host.Journal.Entries().Should().NotContain(e => e.Status >= 500);
    }

    [Test]
    public async Task Headers_over_Kestrels_32_KiB_limit_get_a_4xx_and_the_server_keeps_serving()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{_idp.BaseUrl}/userinfo");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + new string('x', 40_000));

        using var response = await _http.SendAsync(request);

        ((int)response.StatusCode).Should().Be(431, "Kestrel refuses it before MockIdp sees it, so the body cannot be shaped");
        (await _http.GetAsync(new Uri($"{_idp.BaseUrl}/.well-known/openid-configuration"))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static async Task<JsonObject?> ReadErrorAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
