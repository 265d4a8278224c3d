using System.Text.Json.Serialization;

namespace PbenchAuthSpec.MockBroker.Tokens;

/// <summary>Source-generated JSON for the hot path (the token response).</summary>
[JsonSerializable(typeof(TokenResponse))]
internal sealed partial class BrokerJson : JsonSerializerContext;
