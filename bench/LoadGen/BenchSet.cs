using System.Text.Json.Serialization;

namespace PbenchAuthSpec.LoadGen;

/// <summary>Every measure of one bench run; the targets are those of issue 6.</summary>
public sealed class BenchSet
{
    public BenchSet()
    {
        Tokens8 = new("RS256 client_credentials tokens, 8 connections", "req/s") { MinRatio = 3, Ceiling = SigningCeiling };
        Tokens64 = new("RS256 client_credentials tokens, 64 connections", "req/s") { MinRatio = 3, Ceiling = SigningCeiling };
    }

    [JsonPropertyName("cold_start")]
    public BenchMetric ColdStart { get; } = new("cold start to the first 200 from discovery", "ms") { MaxRatio = 0.85 };

    [JsonPropertyName("tokens_8")]
    public BenchMetric Tokens8 { get; }

    [JsonPropertyName("tokens_64")]
    public BenchMetric Tokens64 { get; }

    [JsonPropertyName("jwks_64")]
    public BenchMetric Jwks { get; } = new("JWKS, 64 connections", "req/s") { MinRatio = 1.2 };

    [JsonPropertyName("peak_memory")]
    public BenchMetric PeakMemory { get; } = new("peak resident memory (VmHWM) under that load", "MiB") { MaxRatio = 1.25 };

    [JsonPropertyName("idle_memory")]
    public BenchMetric IdleMemory { get; } = new("resident memory after start, before load", "MiB");

    [JsonPropertyName("idp_cold_start")]
    public BenchMetric IdpColdStart { get; } = new("MockIdp cold start to the first 200 from discovery", "ms");

    /// <summary>The machine, not a server: RS256 signatures per second on every core (<see cref="LoadGen.SigningCeiling"/>).</summary>
    [JsonPropertyName("signing_ceiling")]
    public BenchMetric SigningCeiling { get; } = new("RS256 signing ceiling (all cores, no server; best)", "signs/s") { Highest = true };

    [JsonPropertyName("logins")]
    public BenchMetric Logins { get; } = new("complete brokered authorization-code logins over HTTP", "logins/s");

    [JsonIgnore]
    public IEnumerable<BenchMetric> Compared => [ColdStart, Tokens8, Tokens64, Jwks, PeakMemory, IdleMemory];

    [JsonIgnore]
    public IEnumerable<BenchMetric> OursOnly => [SigningCeiling, IdpColdStart, Logins];
}
