using System.Text.Json.Serialization;

namespace PbenchAuthSpec.MockBroker.Fixtures;

/// <summary>Keycloak's RoleRepresentation (realm or client role; no composites here).</summary>
public sealed record RoleRepresentation
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("description")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; set; }

    [JsonPropertyName("composite")]
    public bool Composite { get; set; }

    [JsonPropertyName("clientRole")]
    public bool ClientRole { get; set; }

    /// <summary>The realm's id (realm roles) or the client's id (client roles).</summary>
    [JsonPropertyName("containerId")]
    public string? ContainerId { get; set; }
}
