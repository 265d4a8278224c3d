using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.ReferenceServer.Data;

/// <summary>The in-memory starting state, read from <c>fixtures/reference-server.json</c>.</summary>
public sealed record SeedData(
    [property: JsonPropertyName("users")] IReadOnlyList<string> Users,
    [property: JsonPropertyName("datasets")] IReadOnlyList<Dataset> Datasets,
    [property: JsonPropertyName("settings")] IReadOnlyDictionary<string, JsonNode?> Settings)
{
    public const string FileName = "reference-server.json";

    public static SeedData Load(string? path = null)
    {
        path ??= FixturePaths.File(FileName);
        try
        {
            var seed = JsonSerializer.Deserialize<SeedData>(File.ReadAllText(path))
                ?? throw new InvalidOperationException("the file is empty");
            return seed.Validated(path);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{path}: not readable ReferenceServer seed data ({e.Message}).", e);
        }
    }

    private SeedData Validated(string path)
    {
        foreach (var dataset in Datasets ?? [])
        {
            if (dataset.Access is not (Dataset.Public or Dataset.Private) || !(Users ?? []).Contains(dataset.Owner))
            {
                throw new InvalidOperationException(
                    $"{path}: dataset '{dataset.ResourceId}' needs access public|private and an owner listed in users.");
            }
        }

        return this with { Users = Users ?? [], Datasets = Datasets ?? [], Settings = Settings ?? new Dictionary<string, JsonNode?>() };
    }
}
