using System.Text.Json.Serialization;

namespace PbenchAuthSpec.MockBroker.Fixtures;

/// <summary>Keycloak's ClientScopeRepresentation: a named scope with attributes and protocol mappers.</summary>
public sealed record ClientScopeRepresentation
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("description")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; set; }

    [JsonPropertyName("protocol")]
    public string Protocol { get; set; } = "openid-connect";

    [JsonPropertyName("attributes")]
    public IReadOnlyDictionary<string, string> Attributes { get; set; } = new Dictionary<string, string>();

    [JsonPropertyName("protocolMappers")]
    public IReadOnlyList<ProtocolMapperRepresentation> ProtocolMappers { get; set; } = [];

    /// <summary>Keycloak's ClientScopeModel.isIncludeInTokenScope: on unless the attribute says <c>false</c>.</summary>
    [JsonIgnore]
    public bool IncludeInTokenScope => Attributes.GetValueOrDefault("include.in.token.scope") != "false";
}
