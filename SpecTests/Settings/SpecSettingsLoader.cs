using System.Collections;
using System.Text.Json;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.SpecTests.Catalogue;

namespace PbenchAuthSpec.SpecTests.Settings;

/// <summary>
/// playwright.config.json (or <c>PBENCH_AUTH_SPEC_CONFIG</c>), then environment variables, then
/// validation. Relative paths in settings resolve against the folder of the configuration file.
/// </summary>
public static class SpecSettingsLoader
{
    public const string FileName = "playwright.config.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Loads from the process environment.</summary>
    public static SpecSettings Load() => Load(ProcessEnvironment());

    public static SpecSettings Load(IReadOnlyDictionary<string, string?> environment, IReadOnlyCollection<string>? knownDefects = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var path = environment.GetValueOrDefault(EnvironmentOverrides.Prefix + "CONFIG") is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : DefaultConfigPath();
        var settings = path is null ? new SpecSettings() : Parse(ReadFile(path), path);
        settings = EnvironmentOverrides.Apply(settings, environment);
        settings = Resolve(settings, path is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(path)!);
        RequireDisplay(settings, environment);
        return SpecSettingsValidator.Validate(settings, knownDefects ?? DefectCatalogue.Names());
    }

    public static SpecSettings Parse(string json, string source)
    {
        try
        {
            var settings = JsonSerializer.Deserialize<SpecSettings>(json, Json)
                ?? throw new SpecSettingsException($"{source}: empty; expected a JSON object of settings.");
            return settings.Users.BrokerAdmin is null ? settings : settings with { Users = settings.Users with { BrokerAdminSource = $"{source} (users.brokerAdmin)" } };
        }
        catch (JsonException e)
        {
            var at = string.IsNullOrEmpty(e.Path) ? "" : $" at {e.Path}";
            var where = e.LineNumber is { } line ? $" (line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1})" : "";
            throw new SpecSettingsException($"{source}{where}: unknown or malformed setting{at} ({FirstSentence(e.Message)}); see the table of settings in docs/run.md.", e);
        }
    }

    // A visible browser needs an X or Wayland display; without one Chromium fails in ways that look like a missing install.
    private static void RequireDisplay(SpecSettings settings, IReadOnlyDictionary<string, string?> environment)
    {
        if (settings.Browser.Headless || !OperatingSystem.IsLinux()
            || !string.IsNullOrEmpty(environment.GetValueOrDefault("DISPLAY")) || !string.IsNullOrEmpty(environment.GetValueOrDefault("WAYLAND_DISPLAY")))
        {
            return;
        }

        throw new SpecSettingsException("--headed needs a display and DISPLAY is not set: run under Xvfb (xvfb-run ./pbench-auth-spec run --headed …) or drop --headed.");
    }

    private static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SpecSettingsException($"--config {path}: cannot read it ({e.Message}).", e);
        }
    }

    private static SpecSettings Resolve(SpecSettings s, string baseDirectory)
    {
        string Full(string p) => Path.GetFullPath(p, baseDirectory);
        var catalogue = s.Catalogue is { Length: > 0 } c ? Full(c) : DefaultCatalogue(s);
        if (!File.Exists(catalogue))
        {
            throw new SpecSettingsException($"--catalogue {catalogue}: no such file (a target catalogue in fixtures/targets/, or your own).");
        }

        return s with
        {
            Catalogue = catalogue,
            Artifacts = Full(s.Artifacts),
            RunDirectory = s.RunDirectory is { Length: > 0 } run ? Full(run) : null,
            KnownFailures = s.KnownFailures is { Length: > 0 } known ? Full(known) : null,
            WriteKnownFailures = s.WriteKnownFailures is { Length: > 0 } write ? Full(write) : null,
        };
    }

    private static string DefaultCatalogue(SpecSettings s) =>
        FixturePaths.File("targets", s.IsEmbedded ? "reference-server.json" : "pbench.json");

    private static string? DefaultConfigPath()
    {
        var root = Path.GetDirectoryName(FixturePaths.Directory)!;
        foreach (var candidate in new[] { Path.Combine(root, FileName), Path.Combine(AppContext.BaseDirectory, FileName) })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static Dictionary<string, string?> ProcessEnvironment()
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            result[(string)entry.Key] = entry.Value as string;
        }

        return result;
    }

    private static string FirstSentence(string message)
    {
        var line = message.Split('\n', 2)[0];
        var path = line.IndexOf(" Path:", StringComparison.Ordinal);
        return (path > 0 ? line[..path] : line).TrimEnd('.');
    }
}
