using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NUnit.Framework;

namespace PbenchAuthSpec.Protocol.Tests;

public sealed class StandInHostTests
{
    private static Task<StandInHost> StartEchoAsync(Journal? journal = null, IReadOnlyList<string>? mappings = null) =>
        StandInHost.StartAsync(
            new StandInHostOptions { Name = "echo", Journal = journal, MappingFiles = mappings ?? [] },
            (app, _) =>
            {
                app.MapGet("/hello", () => Results.Json(new { hello = "world" }));
                app.MapPost("/form", async (HttpRequest request) =>
                {
                    var parse = await ProtocolParameters.FromFormAsync(request);
                    return parse.Error is { } error ? OAuthError.InvalidRequest(error) : Results.Json(parse.Parameters!.Values);
                });
            });

    [Test]
    public async Task Binds_loopback_on_a_free_port_and_journals_requests()
    {
        await using var host = await StartEchoAsync();
        using var http = new HttpClient();

        var response = await http.GetAsync(new Uri($"{host.BaseUrl}/hello?x=1"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        host.BaseUrl.Should().StartWith("http://127.0.0.1:");
        host.Port.Should().BePositive();
        var entry = host.Journal.Entries().Should().ContainSingle().Subject;
        entry.Server.Should().Be("echo");
        entry.Url.Should().EndWith("/hello?x=1");
        entry.Status.Should().Be(200);
        entry.ResponseBody.Should().Contain("world");
    }

    [Test]
    public async Task Fault_mapping_posted_to_the_admin_api_overrides_an_endpoint_once()
    {
        await using var host = await StartEchoAsync();
        using var http = new HttpClient();
        var mapping = """{"Title":"down","Times":1,"Request":{"Path":"/hel*","Methods":["GET"]},"Response":{"StatusCode":503,"BodyAsJson":{"error":"temporarily_unavailable"}}}""";

        (await http.PostAsync(new Uri($"{host.BaseUrl}/__admin/mappings"), new StringContent(mapping, Encoding.UTF8, "application/json")))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        var first = await http.GetAsync(new Uri($"{host.BaseUrl}/hello"));
        var second = await http.GetAsync(new Uri($"{host.BaseUrl}/hello"));

        first.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await first.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.GetValue<string>().Should().Be("temporarily_unavailable");
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        host.Journal.Entries()[0].FaultMapping.Should().Be("down");
    }

    [Test]
    public async Task Admin_requests_lists_the_shared_journal_of_two_servers_in_order()
    {
        var journal = new Journal();
        await using var one = await StartEchoAsync(journal);
        await using var two = await StartEchoAsync(journal);
        using var http = new HttpClient();

        await http.GetAsync(new Uri($"{one.BaseUrl}/hello?n=1"));
        await http.GetAsync(new Uri($"{two.BaseUrl}/hello?n=2"));
        var listed = await http.GetFromJsonAsync<JsonObject>(new Uri($"{two.BaseUrl}/__admin/requests"));

        var urls = listed!["requests"]!.AsArray().Select(r => r!["url"]!.GetValue<string>()).ToList();
        urls.Should().HaveCount(2);
        urls[0].Should().EndWith("n=1");
        urls[1].Should().EndWith("n=2");
    }

    [TestCase("a=1&a=2", "included more than once")]
    [TestCase("a=%FF%FE", "not valid UTF-8")]
    public async Task Malformed_form_parameters_get_invalid_request(string body, string why)
    {
        await using var host = await StartEchoAsync();
        using var http = new HttpClient();

        var response = await http.PostAsync(new Uri($"{host.BaseUrl}/form"), new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var error = await response.Content.ReadFromJsonAsync<JsonObject>();
        error!["error"]!.GetValue<string>().Should().Be("invalid_request");
        error["error_description"]!.GetValue<string>().Should().Contain(why);
    }

    [Test]
    public async Task Admin_memory_shows_the_managed_heap_the_last_collection_left_without_collecting()
    {
        await using var host = await StartEchoAsync();
        using var http = new HttpClient();
        GC.Collect();
        var index = GC.GetGCMemoryInfo().Index;

        var memory = (await http.GetFromJsonAsync<JsonObject>(new Uri($"{host.BaseUrl}/__admin/memory")))!;

        memory["heap_bytes"]!.GetValue<long>().Should().BePositive();
        memory["committed_bytes"]!.GetValue<long>().Should().BeGreaterThanOrEqualTo(memory["heap_bytes"]!.GetValue<long>() - memory["fragmented_bytes"]!.GetValue<long>());
        memory["gc_index"]!.GetValue<long>().Should().BeGreaterThanOrEqualTo(index);
        memory["full_gc_index"]!.GetValue<long>().Should().BeGreaterThanOrEqualTo(index, "GC.Collect() is a full blocking collection");
        memory["live_bytes_at_full_gc"]!.GetValue<long>().Should().BePositive();
        host.Journal.Entries().Should().BeEmpty("the admin API is not journalled");
    }

    [Test]
    public void A_non_loopback_address_is_refused_with_a_message_that_says_so()
    {
        var start = () => StandInHost.StartAsync(new StandInHostOptions { Name = "x", Urls = "http://0.0.0.0:0" }, (_, _) => { });

        start.Should().ThrowAsync<InvalidOperationException>().WithMessage("*loopback only*");
    }
}
