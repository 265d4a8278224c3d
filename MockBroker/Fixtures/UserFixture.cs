using System.Text.Json.Serialization;

namespace PbenchAuthSpec.MockBroker.Fixtures;

/// <summary>A local user of a realm (test-only password in clear).</summary>
public sealed record UserFixture
{
    [JsonPropertyName("id")]
    public Guid? Id { get; init; }

    [JsonPropertyName("username")]
    public string Username { get; set; } = "";

    [JsonPropertyName("password")]
    public string? Password { get; init; }

    [JsonPropertyName("email")]
    public string? Email { get; init; }

    [JsonPropertyName("firstName")]
    public string? FirstName { get; init; }

    [JsonPropertyName("lastName")]
    public string? LastName { get; init; }

    [JsonPropertyName("enabled")]
    public bool Enabled { get; set; } = true;

    [JsonPropertyName("realmRoles")]
    public IReadOnlyList<string> RealmRoles { get; set; } = [];

    [JsonPropertyName("clientRoles")]
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ClientRoles { get; set; } = new Dictionary<string, IReadOnlyList<string>>();
}
