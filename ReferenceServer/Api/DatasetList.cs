using System.Text.Json.Serialization;
using PbenchAuthSpec.ReferenceServer.Data;

namespace PbenchAuthSpec.ReferenceServer.Api;

/// <summary>Pbench's paged list shape.</summary>
public sealed record DatasetList(
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("results")] IReadOnlyList<Dataset> Results,
    [property: JsonPropertyName("next_url")] string NextUrl);
