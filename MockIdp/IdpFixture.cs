using System.Text.Json;
using System.Text.Json.Serialization;

namespace PbenchAuthSpec.MockIdp;

/// <summary>MockIdp's fixture file (<c>fixtures/idp.json</c>): key, lifetimes, clients and users.</summary>
public sealed record IdpFixture
{
    /// <summary>PEM file of the RS256 key; relative paths are read beside the fixture file, then in <c>fixtures/</c>.</summary>
    [JsonPropertyName("signingKey")]
    public string SigningKey { get; set; } = "keys/idp-signing.pem";

    [JsonPropertyName("codeLifetimeSeconds")]
    public int CodeLifetimeSeconds { get; set; } = 60;

    [JsonPropertyName("accessTokenLifetimeSeconds")]
    public int AccessTokenLifetimeSeconds { get; set; } = 300;

    [JsonPropertyName("idTokenLifetimeSeconds")]
    public int IdTokenLifetimeSeconds { get; set; } = 300;

    /// <summary>How long a started sign-in (login page, consent page) may take.</summary>
    [JsonPropertyName("loginLifetimeSeconds")]
    public int LoginLifetimeSeconds { get; set; } = 300;

    /// <summary>How long the IdP session cookie lets a browser skip the password.</summary>
    [JsonPropertyName("sessionLifetimeSeconds")]
    public int SessionLifetimeSeconds { get; set; } = 36_000;

    /// <summary>Status of the final redirect to the client: 302 or 303.</summary>
    [JsonPropertyName("redirectStatus")]
    public int RedirectStatus { get; set; } = 302;

    [JsonPropertyName("clients")]
    public IReadOnlyList<IdpClient> Clients { get; set; } = [];

    [JsonPropertyName("users")]
    public IReadOnlyList<IdpUser> Users { get; set; } = [];

    public static IdpFixture Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"--fixture {path}: cannot read it ({e.Message}).", e);
        }

        try
        {
            return JsonSerializer.Deserialize(json, MockIdpJson.Default.IdpFixture)
                ?? throw new InvalidOperationException($"--fixture {path}: the file holds null, not a fixture object.");
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"--fixture {path}: not a MockIdp fixture ({e.Message}).", e);
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, MockIdpJson.Default.IdpFixture);
}
