using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using PbenchAuthSpec.MockBroker.Admin;
using PbenchAuthSpec.MockBroker.Endpoints;
using PbenchAuthSpec.MockBroker.Fixtures;
using PbenchAuthSpec.MockBroker.State;

namespace PbenchAuthSpec.MockBroker.Tokens;

/// <summary>
/// Compile-time JSON metadata for everything the broker reads and writes: no reflection at the
/// first request (cold start) and MockBroker publishes as Native AOT without trim warnings (bench/).
/// </summary>
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(BrokerFixture))]
[JsonSerializable(typeof(UserRepresentation))]
[JsonSerializable(typeof(List<UserRepresentation>))]
[JsonSerializable(typeof(IReadOnlyList<FederatedIdentity>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(CredentialRepresentation))]
[JsonSerializable(typeof(ClientFixture))]
[JsonSerializable(typeof(List<ClientFixture>))]
[JsonSerializable(typeof(IReadOnlyList<ClientFixture>))]
[JsonSerializable(typeof(ClientScopeRepresentation))]
[JsonSerializable(typeof(IReadOnlyList<ClientScopeRepresentation>))]
[JsonSerializable(typeof(ProtocolMapperRepresentation))]
[JsonSerializable(typeof(IReadOnlyList<ProtocolMapperRepresentation>))]
[JsonSerializable(typeof(RoleRepresentation))]
[JsonSerializable(typeof(List<RoleRepresentation>))]
[JsonSerializable(typeof(IReadOnlyList<RoleRepresentation>))]
[JsonSerializable(typeof(ComponentRepresentation))]
[JsonSerializable(typeof(List<ComponentRepresentation>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, IReadOnlyList<string>>))]
[JsonSerializable(typeof(JsonArray))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(FaultsBody))]
[JsonSerializable(typeof(BrokerStatusBody))]
internal sealed partial class BrokerJson : JsonSerializerContext
{
    /// <summary>
    /// JSON bodies only (never inlined into HTML), so '+' and '/' need no escaping, as in
    /// Keycloak's output.
    /// </summary>
    public static BrokerJson Relaxed { get; } = new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>Fixture files are written by hand: comments and trailing commas are allowed.</summary>
    public static BrokerJson Fixture { get; } = new(new JsonSerializerOptions { ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
}
