using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PbenchAuthSpec.LoadGen;

/// <summary>
/// The embedded <c>./pbench-auth-spec run</c>: its wall time as bench/run measured it, and the
/// phases the spec wrote into report.json under <c>timings</c> (as the spec wrote them).
/// </summary>
public sealed record SpecTimings(
    [property: JsonPropertyName("wall_seconds")] double? WallSeconds,
    [property: JsonPropertyName("phases")] IReadOnlyDictionary<string, double> Phases,
    [property: JsonPropertyName("note")] string? Note)
{
    public const double TargetSeconds = 15;

    [JsonPropertyName("target")]
    public string Target { get; } = $"≤ {TargetSeconds:0} s";

    [JsonPropertyName("met")]
    public bool? Met => WallSeconds is { } seconds ? seconds <= TargetSeconds : null;

    public static SpecTimings Read(string? reportPath, string? wallSeconds, string? note)
    {
        double? wall = double.TryParse(wallSeconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var w) ? w : null;
        var phases = new Dictionary<string, double>(StringComparer.Ordinal);
        if (reportPath is null || !File.Exists(reportPath))
        {
            return new SpecTimings(wall, phases, note ?? "no report.json from the embedded run");
        }

        using var document = JsonDocument.Parse(File.ReadAllText(reportPath));
        if (!document.RootElement.TryGetProperty("timings", out var timings) || timings.ValueKind != JsonValueKind.Object)
        {
            return new SpecTimings(wall, phases, note ?? $"{reportPath} has no \"timings\" object");
        }

        foreach (var phase in timings.EnumerateObject())
        {
            if (phase.Value.ValueKind == JsonValueKind.Number)
            {
                phases[phase.Name] = phase.Value.GetDouble();
            }
        }

        return new SpecTimings(wall, phases, note);
    }
}
