using System.Text.Json.Serialization;

namespace PbenchAuthSpec.MockBroker.Endpoints;

/// <summary>The test hooks' answer about broker faults: the names now on, in order.</summary>
internal sealed record FaultsBody([property: JsonPropertyName("faults")] IReadOnlyList<string> Faults);
