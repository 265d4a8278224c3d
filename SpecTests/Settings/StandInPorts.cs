using System.Text.Json.Serialization;

namespace PbenchAuthSpec.SpecTests.Settings;

/// <summary>
/// Fixed ports for the embedded stand-ins (0: a free port). A real identity provider registers the
/// broker's exact redirect URI, <c>http://127.0.0.1:{broker}/realms/{realm}/broker/{alias}/endpoint</c>,
/// so the broker's port must not change between runs.
/// </summary>
public sealed record StandInPorts
{
    [JsonPropertyName("idp")]
    public int Idp { get; init; }

    [JsonPropertyName("broker")]
    public int Broker { get; init; }

    [JsonPropertyName("target")]
    public int Target { get; init; }
}
