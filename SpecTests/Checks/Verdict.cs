using System.Text.Json.Serialization;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>The spec's verdicts, in increasing severity for aggregation (skip &lt; pass &lt; warn &lt; fail).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Verdict>))]
public enum Verdict
{
    [JsonStringEnumMemberName("skip")]
    Skip,

    [JsonStringEnumMemberName("pass")]
    Pass,

    [JsonStringEnumMemberName("warn")]
    Warn,

    [JsonStringEnumMemberName("fail")]
    Fail,
}
