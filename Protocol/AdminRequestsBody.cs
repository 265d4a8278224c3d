using System.Text.Json.Serialization;

namespace PbenchAuthSpec.Protocol;

/// <summary><c>GET /__admin/requests</c>.</summary>
public sealed record AdminRequestsBody([property: JsonPropertyName("requests")] IReadOnlyList<JournalEntry> Requests);
