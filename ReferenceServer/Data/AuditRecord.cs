using System.Text.Json.Serialization;

namespace PbenchAuthSpec.ReferenceServer.Data;

/// <summary>One completed change, as Pbench's <c>/api/v1/server/audit</c> lists it.</summary>
public sealed record AuditRecord(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("operation")] string Operation,
    [property: JsonPropertyName("object_type")] string ObjectType,
    [property: JsonPropertyName("object_id")] string ObjectId,
    [property: JsonPropertyName("status")] string Status);
