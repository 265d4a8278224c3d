using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace PbenchAuthSpec.MockBroker.Tests.Support;

/// <summary>Password-grant tokens from a realm, for tests that have a broker but no test stack.</summary>
internal static class AdminClientTokens
{
    public static async Task<JsonObject> PasswordAsync(string realmUrl, string username, string password, string clientId = "pbench-client")
    {
        using var http = new HttpClient();
        var response = await http.PostAsync(
            new Uri($"{realmUrl}/protocol/openid-connect/token"),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "password", ["client_id"] = clientId, ["username"] = username, ["password"] = password, ["scope"] = "openid" }));
        response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
