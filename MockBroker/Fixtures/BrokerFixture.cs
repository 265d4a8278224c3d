using System.Text.Json.Serialization;

namespace PbenchAuthSpec.MockBroker.Fixtures;

/// <summary>The whole broker fixture (<c>fixtures/broker.json</c>): realms in Keycloak's export vocabulary.</summary>
public sealed record BrokerFixture
{
    [JsonPropertyName("keycloakVersion")]
    public int KeycloakVersion { get; set; } = 26;

    [JsonPropertyName("realms")]
    public IReadOnlyList<RealmFixture> Realms { get; set; } = [];
}
