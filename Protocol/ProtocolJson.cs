using System.Text.Json.Serialization;

namespace PbenchAuthSpec.Protocol;

/// <summary>
/// Compile-time JSON metadata for what Protocol reads and writes: no reflection at the first
/// request (cold start, bench/) and the stand-ins publish as Native AOT without trim warnings.
/// </summary>
[JsonSerializable(typeof(FaultMapping))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(AdminRequestsBody))]
[JsonSerializable(typeof(AdminMappingsBody))]
[JsonSerializable(typeof(AdminMappingsAddedBody))]
[JsonSerializable(typeof(AdminMemoryBody))]
internal sealed partial class ProtocolJson : JsonSerializerContext;
