using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.MockBroker;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.StandIns;

namespace PbenchAuthSpec.Cli.Tests;

/// <summary>
/// Issue 13, findings 1–3 over plain HTTP: the admin API takes writes only as JSON and from no
/// other site, sends no CORS header, and no stand-in answers a Host it was not started for.
/// One stack serves every test (each test leaves it as it found it).
/// </summary>
public sealed class AdminGuardTests
{
    private const string Mapping = """{"Request":{"Path":"/pwned"},"Response":{"StatusCode":200,"Headers":{"Content-Type":"text/html"},"Body":"<script>fetch('/__admin/requests')</script>"}}""";

    private StandInStack _stack = null!;
    private HttpClient _http = null!;

    private IEnumerable<StandInHost> Servers => [_stack.Idp.Host, _stack.Broker.Host, _stack.Target.Host];

    [OneTimeSetUp]
    public async Task StartStack()
    {
        _stack = await StandInStack.StartAsync();
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
    }

    [OneTimeTearDown]
    public async Task StopStack()
    {
        _http.Dispose();
        await _stack.DisposeAsync();
    }

    [TestCase("text/plain")]
    [TestCase("application/x-www-form-urlencoded")]
    [TestCase("multipart/form-data; boundary=x")]
    [TestCase(null)]
    public async Task A_mapping_posted_without_a_json_content_type_gets_415_on_every_stand_in_and_is_not_added(string? contentType)
    {
        foreach (var server in Servers)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"{server.BaseUrl}/__admin/mappings")) { Content = Body(Mapping, contentType) };

            var response = await _http.SendAsync(request);

            await ExpectOAuthError(response, HttpStatusCode.UnsupportedMediaType, "invalid_request", "application/json");
            server.Mappings.All.Should().BeEmpty();
            (await _http.GetAsync(new Uri($"{server.BaseUrl}/pwned"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        }
    }

    [Test]
    public async Task A_mapping_posted_as_json_from_a_script_is_added_and_removed_as_json_too()
    {
        var broker = _stack.Broker.Host;

        var added = await _http.PostAsync(new Uri($"{broker.BaseUrl}/__admin/mappings"), Body(Mapping, "application/json; charset=utf-8"));
        var served = await _http.GetAsync(new Uri($"{broker.BaseUrl}/pwned"));
        var plainDelete = await _http.DeleteAsync(new Uri($"{broker.BaseUrl}/__admin/mappings"));
        using var jsonDelete = new HttpRequestMessage(HttpMethod.Delete, new Uri($"{broker.BaseUrl}/__admin/mappings")) { Content = Body("", "application/json") };
        var deleted = await _http.SendAsync(jsonDelete);

        added.StatusCode.Should().Be(HttpStatusCode.Created, "the rule refuses what a web page can send, not what a test sends");
        served.StatusCode.Should().Be(HttpStatusCode.OK);
        plainDelete.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType, "every write says application/json, even without a body");
        deleted.StatusCode.Should().Be(HttpStatusCode.OK);
        broker.Mappings.All.Should().BeEmpty();
    }

    [TestCase("Origin", "https://evil.example")]
    [TestCase("Origin", "null")]
    [TestCase("Sec-Fetch-Site", "cross-site")]
    [TestCase("Sec-Fetch-Site", "same-site")]
    public async Task A_json_write_or_a_read_from_another_origin_is_refused_with_403_and_no_cors_header(string header, string value)
    {
        foreach (var server in Servers)
        {
            using var write = new HttpRequestMessage(HttpMethod.Post, new Uri($"{server.BaseUrl}/__admin/mappings")) { Content = Body(Mapping, "application/json") };
            write.Headers.Add(header, value);
            using var read = new HttpRequestMessage(HttpMethod.Get, new Uri($"{server.BaseUrl}/__admin/requests"));
            read.Headers.Add(header, value);

            var written = await _http.SendAsync(write);
            var answer = await _http.SendAsync(read);

            await ExpectOAuthError(written, HttpStatusCode.Forbidden, "access_denied", "cross-site");
            await ExpectOAuthError(answer, HttpStatusCode.Forbidden, "access_denied", "cross-site");
            written.Headers.Should().NotContain(h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
            server.Mappings.All.Should().BeEmpty();
        }
    }

    [Test]
    public async Task A_same_origin_page_may_still_use_the_admin_api()
    {
        var broker = _stack.Broker.Host;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{broker.BaseUrl}/__admin/mappings"));
        request.Headers.Add("Origin", broker.BaseUrl);
        request.Headers.Add("Sec-Fetch-Site", "same-origin");

        (await _http.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [TestCase("/__ADMIN/mappings")]
    [TestCase("/__admin/Mappings")]
    [TestCase("/%5F%5Fadmin/mappings")]
    public async Task Another_spelling_of_the_admin_path_is_guarded_as_well(string path)
    {
        var broker = _stack.Broker.Host;

        var response = await _http.PostAsync(new Uri($"{broker.BaseUrl}{path}"), Body(Mapping, "text/plain"));

        ((int)response.StatusCode).Should().BeOneOf(415, 404);
        broker.Mappings.All.Should().BeEmpty();
    }

    [Test]
    public async Task A_cross_site_preflight_to_the_admin_api_gets_no_cors_header_on_any_stand_in()
    {
        foreach (var server in Servers)
        {
            using var preflight = new HttpRequestMessage(HttpMethod.Options, new Uri($"{server.BaseUrl}/__admin/mappings"));
            preflight.Headers.Add("Origin", "https://evil.example");
            preflight.Headers.Add("Access-Control-Request-Method", "POST");
            preflight.Headers.Add("Access-Control-Request-Headers", "content-type");

            var response = await _http.SendAsync(preflight);

            response.Headers.Should().NotContain(h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase), server.Options.Name);
        }
    }

    // Finding 2: the broker's test hooks accepted text/plain bodies as well.
    [Test]
    public async Task Broker_test_hooks_sent_as_text_plain_get_415_and_change_nothing()
    {
        var broker = _stack.Broker;
        var kid = broker.SigningKey().Kid;
        var hooks = new (HttpMethod Method, string Path, string Body)[]
        {
            (HttpMethod.Post, "/__admin/broker/realms/pbench-server/lifetimes", """{"accessToken":1}"""),
            (HttpMethod.Post, "/__admin/broker/realms/pbench-server/rotate-key", ""),
            (HttpMethod.Post, "/__admin/broker/realms/pbench-server/restore-key", ""),
            (HttpMethod.Put, "/__admin/broker/faults/no-cors", ""),
            (HttpMethod.Delete, "/__admin/broker/faults", ""),
        };

        foreach (var (method, path, body) in hooks)
        {
            using var request = new HttpRequestMessage(method, new Uri(broker.BaseUrl + path)) { Content = Body(body, "text/plain") };
            await ExpectOAuthError(await _http.SendAsync(request), HttpStatusCode.UnsupportedMediaType, "invalid_request", "application/json");
        }

        broker.SigningKey().Kid.Should().Be(kid);
        broker.Faults.Should().BeEmpty();
        (await Status(broker))["accessTokenLifespan"]!.GetValue<long>().Should().Be(300);
        var asJson = await _http.PostAsync(new Uri($"{broker.BaseUrl}/__admin/broker/realms/pbench-server/lifetimes"), Body("""{"accessToken":300}""", "application/json"));
        asJson.StatusCode.Should().Be(HttpStatusCode.OK, "the same hook sent as JSON works: the 415s above are the rule, not a broken hook");
    }

    // Finding 3: any Host was served, so a DNS-rebinding page could read the journal.
    [Test]
    public async Task A_request_under_a_foreign_Host_gets_421_with_one_line_on_every_stand_in()
    {
        foreach (var server in Servers)
        {
            var rebound = await GetAs(server, "/__admin/requests", $"rebind.evil.example:{server.Port}");
            var otherPort = await GetAs(server, "/__admin/requests", $"127.0.0.1:{(server.Port == 1 ? 2 : server.Port - 1)}");

            foreach (var response in new[] { rebound, otherPort })
            {
                var text = await response.Content.ReadAsStringAsync();
                response.StatusCode.Should().Be(HttpStatusCode.MisdirectedRequest, server.Options.Name);
                response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
                text.TrimEnd('\n').Should().NotContain("\n").And.Contain("Misdirected request").And.NotContain("\"requests\"");
            }
        }
    }

    [TestCase("localhost")]
    [TestCase("LOCALHOST")]
    [TestCase("127.0.0.1")]
    [TestCase("[::1]")]
    public async Task Each_loopback_name_with_the_servers_own_port_is_answered(string name)
    {
        foreach (var server in Servers)
        {
            (await GetAs(server, "/__admin/requests", $"{name}:{server.Port}")).StatusCode.Should().Be(HttpStatusCode.OK, server.Options.Name);
        }
    }

    [Test]
    public async Task A_name_given_with_allowed_hosts_is_answered_and_a_bad_one_is_refused_at_start()
    {
        await using var broker = await MockBrokerServer.StartAsync(new MockBrokerOptions { AllowedHosts = ["sso.example", "pbench.example:8443"] });

        (await GetAs(broker.Host, "/__admin/broker", $"sso.example:{broker.Host.Port}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await GetAs(broker.Host, "/__admin/broker", "pbench.example:8443")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await GetAs(broker.Host, "/__admin/broker", "pbench.example:8444")).StatusCode.Should().Be(HttpStatusCode.MisdirectedRequest);
        var bad = () => MockBrokerServer.StartAsync(new MockBrokerOptions { AllowedHosts = ["http://sso.example/"] });
        await bad.Should().ThrowAsync<ArgumentException>().WithMessage("--allowed-host 'http://sso.example/': expected a host name*");
    }

    private async Task<HttpResponseMessage> GetAs(StandInHost server, string path, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseUrl + path));
        request.Headers.Host = host;
        return await _http.SendAsync(request);
    }

    private async Task<JsonObject> Status(MockBrokerServer broker) =>
        (await _http.GetFromJsonAsync<JsonObject>(new Uri($"{broker.BaseUrl}/__admin/broker")))!["realms"]!.AsArray()
            .Single(r => r!["realm"]!.GetValue<string>() == "pbench-server")!.AsObject();

    private static async Task ExpectOAuthError(HttpResponseMessage response, HttpStatusCode status, string error, string mentioned)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, text);
        var body = JsonNode.Parse(text)!.AsObject();
        body["error"]!.GetValue<string>().Should().Be(error, text);
        body["error_description"]!.GetValue<string>().Should().Contain(mentioned);
    }

    private static ByteArrayContent Body(string text, string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return content;
    }
}
