using System.Text.Json.Serialization;

namespace PbenchAuthSpec.ReferenceServer.Data;

/// <summary>A dataset as the API shows it (Pbench's <c>resource_id</c>, owner by username, access).</summary>
public sealed record Dataset(
    [property: JsonPropertyName("resource_id")] string ResourceId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("owner")] string Owner,
    [property: JsonPropertyName("access")] string Access,
    [property: JsonPropertyName("uploaded")] DateTimeOffset Uploaded)
{
    public const string Public = "public";
    public const string Private = "private";

    [JsonIgnore]
    public bool IsPublic => Access == Public;
}
