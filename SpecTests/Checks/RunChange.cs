using System.Text.Json.Serialization;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>
/// Something the run changed on a system it was pointed at, so the operator can put it back: data
/// a buggy target let a forbidden request change (step 19), or the broker's signing key (the
/// rotated-key control), with whether the harness undid it.
/// </summary>
public sealed record RunChange
{
    /// <summary><c>target</c> or <c>broker</c>.</summary>
    [JsonPropertyName("system")]
    public required string System { get; init; }

    /// <summary>The check whose request made the change (e.g. <c>s19.3</c>).</summary>
    [JsonPropertyName("check")]
    public required string Check { get; init; }

    /// <summary>What changed, e.g. <c>dataset alice-private-1 deleted</c>.</summary>
    [JsonPropertyName("what")]
    public required string What { get; init; }

    /// <summary>The request that changed it and the answer, e.g. <c>DELETE /api/v1/datasets/alice-private-1 as bob → 200</c>.</summary>
    [JsonPropertyName("request")]
    public required string Request { get; init; }

    [JsonPropertyName("restored")]
    public bool Restored { get; init; }

    /// <summary>What the operator must do when the harness did not undo it.</summary>
    [JsonPropertyName("restore")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Restore { get; init; }

    public override string ToString() => $"{System}: {What} ({Request}, {Check}){(Restored ? ", restored" : $" — {Restore}")}";
}
