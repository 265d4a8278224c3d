using System.Text.Json.Serialization;

namespace PbenchAuthSpec.LoadGen;

/// <summary>
/// One measure taken on both servers in the same run. The verdict compares the ratio of the
/// medians (ours ÷ anchor) with the target: at least <see cref="MinRatio"/>, or at most
/// <see cref="MaxRatio"/>.
/// </summary>
public sealed record BenchMetric(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("unit")] string Unit)
{
    [JsonPropertyName("min_ratio")]
    public double? MinRatio { get; init; }

    [JsonPropertyName("max_ratio")]
    public double? MaxRatio { get; init; }

    [JsonPropertyName("anchor_samples")]
    public List<double> AnchorSamples { get; } = [];

    [JsonPropertyName("ours_samples")]
    public List<double> OursSamples { get; } = [];

    /// <summary>Why a sample is not to be trusted (non-2xx answers, socket errors), if any.</summary>
    [JsonPropertyName("problems")]
    public List<string> Problems { get; } = [];

    [JsonPropertyName("anchor_median")]
    public double? AnchorMedian => AnchorSamples.Count == 0 ? null : Median.Of(AnchorSamples);

    /// <summary>The figure is the highest sample, not the median (a ceiling: other load only lowers it).</summary>
    [JsonPropertyName("highest")]
    public bool Highest { get; init; }

    [JsonPropertyName("ours_median")]
    public double OursMedian => Highest && OursSamples.Count > 0 ? OursSamples.Max() : Median.Of(OursSamples);

    [JsonPropertyName("ratio")]
    public double? Ratio => AnchorMedian is { } anchor && anchor > 0 ? OursMedian / anchor : null;

    [JsonPropertyName("target")]
    public string Target => MinRatio is { } min ? $"≥ {min:0.##}×" : MaxRatio is { } max ? $"≤ {max:0.##}×" : "";

    /// <summary>For token issuance: the machine's RS256 signing rate, which no server can exceed.</summary>
    [JsonIgnore]
    public BenchMetric? Ceiling { get; init; }

    /// <summary>Ours ÷ the signing ceiling: how much of what the cores can sign we turn into tokens.</summary>
    [JsonPropertyName("ours_of_ceiling")]
    public double? OursOfCeiling => CeilingMedian is { } c ? OursMedian / c : null;

    /// <summary>The highest ratio to the anchor any server could reach here: ceiling ÷ anchor.</summary>
    [JsonPropertyName("ceiling_ratio")]
    public double? CeilingRatio => CeilingMedian is { } c && AnchorMedian is { } a && a > 0 ? c / a : null;

    private double? CeilingMedian => Ceiling is { OursSamples.Count: > 0 } ceiling ? ceiling.OursMedian : null;

    [JsonPropertyName("met")]
    public bool? Met => Ratio is not { } ratio || (MinRatio is null && MaxRatio is null)
        ? null
        : Problems.Count == 0 && (MinRatio is null || ratio >= MinRatio) && (MaxRatio is null || ratio <= MaxRatio);
}
