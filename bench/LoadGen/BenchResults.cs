using System.Text.Json.Serialization;

namespace PbenchAuthSpec.LoadGen;

/// <summary>bench/results.json.</summary>
public sealed record BenchResults(
    [property: JsonPropertyName("taken_at")] DateTimeOffset TakenAt,
    [property: JsonPropertyName("repetitions")] int Repetitions,
    [property: JsonPropertyName("phase_seconds")] double PhaseSeconds,
    [property: JsonPropertyName("standins")] string Standins,
    [property: JsonPropertyName("measures")] BenchSet Measures,
    [property: JsonPropertyName("embedded_run")] SpecTimings EmbeddedRun,
    [property: JsonPropertyName("all_met")] bool AllMet,
    [property: JsonPropertyName("machine")] IReadOnlyDictionary<string, string> Machine);
