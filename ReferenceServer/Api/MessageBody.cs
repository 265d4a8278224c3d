using System.Text.Json.Serialization;

namespace PbenchAuthSpec.ReferenceServer.Api;

/// <summary>Pbench's error and status body: <c>{"message": "..."}</c>.</summary>
public sealed record MessageBody([property: JsonPropertyName("message")] string Message);
