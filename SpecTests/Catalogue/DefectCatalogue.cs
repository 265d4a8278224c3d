using System.Text.Json;
using System.Text.Json.Serialization;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.SpecTests.Catalogue;

/// <summary>fixtures/defects.json: <c>{"defects": [...]}</c>.</summary>
public sealed record DefectCatalogue
{
    [JsonPropertyName("defects")]
    public IReadOnlyList<DefectRow> Defects { get; init; } = [];

    public static string DefaultPath => FixturePaths.File("defects.json");

    public static DefectCatalogue Load(string? path = null)
    {
        path ??= DefaultPath;
        try
        {
            return JsonSerializer.Deserialize<DefectCatalogue>(File.ReadAllText(path)) ?? new DefectCatalogue();
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{path}: not a defect catalogue ({e.Message}).", e);
        }
    }

    /// <summary>The defect names, or null while fixtures/defects.json does not exist.</summary>
    public static IReadOnlyCollection<string>? Names() =>
        File.Exists(DefaultPath) ? Load().Defects.Select(d => d.Name).ToHashSet(StringComparer.Ordinal) : null;
}
