using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace PbenchAuthSpec.MockIdp.Tests;

/// <summary>A token endpoint answer: status, JSON body, and the response for its headers.</summary>
public sealed record TokenResult(HttpStatusCode Status, JsonObject Body, HttpResponseMessage Response)
{
    public string? Error => (string?)Body["error"];

    public string? AccessToken => (string?)Body["access_token"];

    public string? IdToken => (string?)Body["id_token"];

    public static async Task<TokenResult> ReadAsync(HttpResponseMessage response) =>
        new(response.StatusCode, await response.Content.ReadFromJsonAsync<JsonObject>() ?? [], response);
}
