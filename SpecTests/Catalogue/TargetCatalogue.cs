using System.Text.Json;
using System.Text.Json.Serialization;
using PbenchAuthSpec.SpecTests.Settings;

namespace PbenchAuthSpec.SpecTests.Catalogue;

/// <summary>A target catalogue (fixtures/targets/*.json): per profile, the config endpoint, audience and restricted calls.</summary>
public sealed record TargetCatalogue
{
    private static readonly JsonSerializerOptions Json = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    [JsonPropertyName("_comment")]
    public string? Comment { get; init; }

    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("profiles")]
    public IReadOnlyDictionary<string, ProfileCatalogue> Profiles { get; init; } = new Dictionary<string, ProfileCatalogue>();

    public static TargetCatalogue Load(string path)
    {
        try
        {
            return Parse(File.ReadAllText(path), path);
        }
        catch (IOException e)
        {
            throw new SpecSettingsException($"--catalogue {path}: cannot read it ({e.Message}).", e);
        }
    }

    public static TargetCatalogue Parse(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<TargetCatalogue>(json, Json) ?? throw new SpecSettingsException($"--catalogue {source}: empty.");
        }
        catch (JsonException e)
        {
            throw new SpecSettingsException($"--catalogue {source}: not a target catalogue at {e.Path} ({e.Message.Split('\n')[0]}).", e);
        }
    }

    /// <summary>The profile's entry, or a one-line error naming the catalogue and the profile.</summary>
    public ProfileCatalogue For(string profile, string source) =>
        Profiles.TryGetValue(profile, out var entry)
            ? Check(entry, profile, source)
            : throw new SpecSettingsException($"--catalogue {source} has no profile '{profile}' (it has: {string.Join(", ", Profiles.Keys)}).");

    private static ProfileCatalogue Check(ProfileCatalogue entry, string profile, string source)
    {
        if (entry.Step18.Count == 0 || entry.Step20.Count == 0)
        {
            throw new SpecSettingsException($"--catalogue {source}: profile '{profile}' needs at least one step18 and one step20 entry.");
        }

        var badUser = entry.Setup.Concat(entry.Step18).Concat(entry.Step19).Concat(entry.Step20).Concat(entry.Cleanup)
            .FirstOrDefault(c => c.User is not ("login" or "other" or "admin" or "anonymous"));
        return badUser is null
            ? entry
            : throw new SpecSettingsException($"--catalogue {source}: '{badUser.Describe()}' has user '{badUser.User}'; use login, other, admin or anonymous.");
    }
}
