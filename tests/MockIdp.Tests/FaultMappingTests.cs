using System.Net;
using System.Text;
using FluentAssertions;
using NUnit.Framework;

namespace PbenchAuthSpec.MockIdp.Tests;

public sealed class FaultMappingTests
{
    [Test]
    public async Task Fixture_mapping_makes_the_token_endpoint_answer_503_with_an_OAuth_error()
    {
        await using var idp = await TestIdp.StartAsync(new MockIdpOptions { MappingFiles = [TestIdp.Fixture(Path.Combine("mappings", "idp-token-503.json"))] });
        using var client = new IdpTestClient(idp.BaseUrl);
        var code = (await client.SignInAsync(IdpTestClient.Request())).Code!;

        var result = await client.RedeemAsync(code);

        result.Status.Should().Be(HttpStatusCode.ServiceUnavailable);
        result.Error.Should().Be("temporarily_unavailable");
        ((string?)result.Body["error_description"]).Should().NotBeNullOrEmpty();
        result.Response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(30));
        idp.Host.Journal.Entries("idp")[^1].FaultMapping.Should().Be("MockIdp token endpoint unavailable");
    }

    [Test]
    public async Task Removing_the_mapping_through_the_admin_API_restores_the_token_endpoint()
    {
        await using var idp = await TestIdp.StartAsync(new MockIdpOptions { MappingFiles = [TestIdp.Fixture(Path.Combine("mappings", "idp-token-503.json"))] });
        using var client = new IdpTestClient(idp.BaseUrl);
        var code = (await client.SignInAsync(IdpTestClient.Request())).Code!;

        using var delete = new HttpRequestMessage(HttpMethod.Delete, new Uri($"{idp.BaseUrl}/__admin/mappings")) { Content = new StringContent("", Encoding.UTF8, "application/json") };
        (await client.Http.SendAsync(delete)).StatusCode.Should().Be(HttpStatusCode.OK);
        var result = await client.RedeemAsync(code);

        result.Status.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Mapping_posted_at_run_time_overrides_discovery_once()
    {
        await using var idp = await TestIdp.StartAsync();
        using var http = new HttpClient();
        const string Mapping = """{"Title":"discovery down","Times":1,"Request":{"Path":"/.well-known/openid-configuration"},"Response":{"StatusCode":500,"BodyAsJson":{"error":"server_error","error_description":"injected"}}}""";

        await http.PostAsync(new Uri($"{idp.BaseUrl}/__admin/mappings"), new StringContent(Mapping, Encoding.UTF8, "application/json"));
        var first = await http.GetAsync(new Uri($"{idp.BaseUrl}/.well-known/openid-configuration"));
        var second = await http.GetAsync(new Uri($"{idp.BaseUrl}/.well-known/openid-configuration"));

        first.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
