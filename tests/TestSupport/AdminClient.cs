using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace PbenchAuthSpec.TestSupport;

/// <summary>Keycloak's admin REST API as a script uses it: a master-realm admin-cli token, then bearer calls.</summary>
internal sealed class AdminClient : IDisposable
{
    private readonly HttpClient _http;

    private AdminClient(HttpClient http) => _http = http;

    public HttpClient Http => _http;

    public static async Task<AdminClient> StartAsync(string brokerUrl, string username = "kc-admin", string password = "kc-admin-password")
    {
        var http = new HttpClient { BaseAddress = new Uri(brokerUrl) };
        var response = await http.PostAsync(
            new Uri("/realms/master/protocol/openid-connect/token", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "password", ["client_id"] = "admin-cli", ["username"] = username, ["password"] = password }));
        response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new AdminClient(http);
    }

    public async Task<T> GetAsync<T>(string path)
    {
        var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        response.IsSuccessStatusCode.Should().BeTrue($"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    public Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string path, string json) =>
        _http.SendAsync(new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") });

    /// <summary>POSTs a representation that must be created (201); the new id, read from Location as scripts do.</summary>
    public async Task<string> CreateAsync(string path, string json)
    {
        var response = await SendJsonAsync(HttpMethod.Post, path, json);
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.Created, $"POST {path}: {await response.Content.ReadAsStringAsync()}");
        return response.Headers.Location!.AbsoluteUri.Split('/')[^1];
    }

    public async Task NoContentAsync(HttpMethod method, string path, string json = "")
    {
        var response = method == HttpMethod.Delete && json.Length == 0
            ? await _http.DeleteAsync(new Uri(path, UriKind.Relative))
            : await SendJsonAsync(method, path, json);
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.NoContent, $"{method} {path}: {await response.Content.ReadAsStringAsync()}");
    }

    public void Dispose() => _http.Dispose();
}
