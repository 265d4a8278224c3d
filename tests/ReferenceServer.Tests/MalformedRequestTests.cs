using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.ReferenceServer.Tests.Support;

namespace PbenchAuthSpec.ReferenceServer.Tests;

/// <summary>Bad input of every kind gets a 4xx with Pbench's <c>{"message"}</c>, never a 500, and the server keeps serving.</summary>
public sealed class MalformedRequestTests
{
    private const string Alice = "{alice}";

    public static IEnumerable<TestCaseData> Cases()
    {
        yield return Case("bad JSON", "POST", "/api/v1/key", 400, Alice, "{");
        yield return Case("JSON array instead of object", "POST", "/api/v1/key", 400, Alice, "[]");
        yield return Case("label not a string", "POST", "/api/v1/key", 400, Alice, """{"label":5}""");
        yield return Case("unknown body key", "POST", "/api/v1/key", 400, Alice, """{"label":"x","admin":true}""");
        yield return Case("label with control characters", "POST", "/api/v1/key?label=a%0Ab", 400, Alice);
        yield return Case("body that is not JSON", "POST", "/api/v1/key", 415, Alice, "label=x", "application/x-www-form-urlencoded");
        yield return Case("JSON nested 100 deep", "POST", "/api/v1/key", 400, Alice, new string('[', 100) + new string(']', 100));
        yield return Case("JSON body over 64 KiB", "POST", "/api/v1/key", 413, Alice, $$"""{"label":"{{new string('x', 70_000)}}"}""");
        yield return Case("truncated JSON", "PUT", "/api/v1/server/settings/dataset-lifetime", 400, Alice, """{"value":""");
        yield return Case("two values in the body", "PUT", "/api/v1/server/settings/dataset-lifetime", 400, Alice, """{"value":1,"dataset-lifetime":2}""");
        yield return Case("JSON that is not UTF-8", "PUT", "/api/v1/server/settings/dataset-lifetime", 400, Alice, "{\"value\":\"\xff\xfe\"}", latin1: true);
        yield return Case("value in query and body", "PUT", "/api/v1/server/settings/dataset-lifetime?value=3", 400, Alice, """{"value":4}""");
        yield return Case("mine not a boolean", "GET", "/api/v1/datasets?mine=maybe", 400);
        yield return Case("negative limit", "GET", "/api/v1/datasets?limit=-1", 400);
        yield return Case("limit not a number", "GET", "/api/v1/datasets?limit=ten", 400);
        yield return Case("offset beyond int", "GET", "/api/v1/datasets?offset=99999999999999", 400);
        yield return Case("duplicate query key", "GET", "/api/v1/datasets?mine=true&mine=false", 400);
        yield return Case("query not UTF-8", "GET", "/api/v1/datasets?owner=%FF%FE", 400);
        yield return Case("NUL in a query value", "GET", "/api/v1/datasets?access=%00", 400);
        yield return Case("query value of 5000 characters", "GET", $"/api/v1/datasets?owner={new string('a', 5000)}", 400);
        yield return Case("owner not a username", "GET", "/api/v1/datasets?owner=a%20b", 400);
        yield return Case("access in upper case", "POST", "/api/v1/datasets/alice-private-1?access=PUBLIC", 400, Alice);
        yield return Case("dataset id of 300 characters", "GET", $"/api/v1/datasets/{new string('d', 300)}", 404);
        yield return Case("dataset id with encoded dots and slash", "GET", "/api/v1/datasets/%2e%2e%2fetc", 404);
        yield return Case("negative key id", "GET", "/api/v1/key/-1", 404, Alice);
        yield return Case("key id beyond long", "GET", "/api/v1/key/99999999999999999999999", 404, Alice);
        yield return Case("key id not a number", "DELETE", "/api/v1/key/abc", 404, Alice);
        yield return Case("bearer token of 20 KB", "GET", "/api/v1/key", 401, "Bearer " + new string('a', 20_000));
        yield return Case("bearer token with a space inside", "GET", "/api/v1/key", 401, "Bearer abc def");
        yield return Case("JWT whose header is not JSON", "GET", "/api/v1/key", 401, "Bearer eyJub3QganNvbg.eyJzdWIiOiJ4In0.c2ln");
        yield return Case("JWT with 40 segments", "GET", "/api/v1/key", 401, "Bearer " + string.Join('.', Enumerable.Repeat("eyJhIjoxfQ", 40)));
        yield return Case("method not allowed", "PATCH", "/api/v1/datasets", 405);
        yield return Case("unknown API", "GET", "/api/v1/upload/x", 404);
        yield return Case("unknown dashboard file", "GET", "/dashboard/secret.txt", 404);
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Malformed_request_gets_a_4xx_message_and_the_server_keeps_serving(
        string method, string path, int expected, string? authorization, byte[]? body, string contentType)
    {
        await using var target = await TargetWithBroker.StartAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization == Alice ? $"Bearer {target.Tokens.Access()}" : authorization);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        var response = await target.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        ((int)response.StatusCode).Should().Be(expected, text);
        JsonNode.Parse(text)!["message"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        (await target.GetAsync("/api/v1/endpoints")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Headers_over_kestrels_limit_get_431_and_the_server_keeps_serving()
    {
        await using var target = await TargetWithBroker.StartAsync();

        var (status, _, _) = await RawHttp.SendAsync(
            target.Server.BaseUrl,
            RawHttp.Get(target.Server.BaseUrl, "/api/v1/datasets", $"Authorization: Bearer {new string('a', 40_000)}"));

        status.Should().Be(431);
        (await target.GetAsync("/api/v1/endpoints")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Authorization_header_with_non_ascii_bytes_is_refused_not_crashed()
    {
        await using var target = await TargetWithBroker.StartAsync();

        var (status, _, body) = await RawHttp.SendAsync(
            target.Server.BaseUrl,
            RawHttp.Get(target.Server.BaseUrl, "/api/v1/key", "Authorization: Bearer t\u00f6ken"));

        status.Should().Be(401);
        JsonNode.Parse(body)!["message"]!.GetValue<string>().Should().Be("Invalid bearer token: the bearer token is not a b64token (RFC 6750 section 2.1)");
    }

    private static TestCaseData Case(
        string name, string method, string path, int expected, string? authorization = null, string? body = null,
        string contentType = "application/json", bool latin1 = false) =>
        new TestCaseData(method, path, expected, authorization, body is null ? null : (latin1 ? Encoding.Latin1 : Encoding.UTF8).GetBytes(body), contentType)
            .SetArgDisplayNames(name);
}
