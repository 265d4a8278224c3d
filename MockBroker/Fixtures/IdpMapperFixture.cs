using System.Text.Json.Serialization;

namespace PbenchAuthSpec.MockBroker.Fixtures;

/// <summary>
/// Keycloak's "Claim to Role" identity provider mapper: when the IdP's id_token has
/// <c>claim</c> = <c>claimValue</c>, the user gets <c>clientRole</c> (<c>client.role</c>) or <c>realmRole</c>.
/// </summary>
public sealed record IdpMapperFixture
{
    /// <summary>Keycloak's mapper id (a UUID), given by the admin API; none in a fixture.</summary>
    [JsonPropertyName("id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; init; }

    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("claim")]
    public string Claim { get; set; } = "";

    [JsonPropertyName("claimValue")]
    public string ClaimValue { get; set; } = "";

    [JsonPropertyName("clientRole")]
    public string? ClientRole { get; init; }

    [JsonPropertyName("realmRole")]
    public string? RealmRole { get; init; }
}
