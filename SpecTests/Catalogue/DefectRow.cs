using System.Text.Json.Serialization;

namespace PbenchAuthSpec.SpecTests.Catalogue;

/// <summary>One row of fixtures/defects.json (owned by ReferenceServer): a switchable bug and the steps that must catch it.</summary>
public sealed record DefectRow
{
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    /// <summary><c>server</c>, <c>dashboard</c> or <c>broker</c>.</summary>
    [JsonPropertyName("target")]
    public string Target { get; init; } = "server";

    [JsonPropertyName("description")]
    public string Description { get; init; } = "";

    [JsonPropertyName("steps")]
    public IReadOnlyList<int> Steps { get; init; } = [];

    [JsonPropertyName("dashboards")]
    public IReadOnlyList<string> Dashboards { get; init; } = ["plain", "kc"];

    /// <summary>The verdict the named steps must get: <c>fail</c> (default) or <c>warn</c>.</summary>
    [JsonPropertyName("verdict")]
    public string Verdict { get; init; } = "fail";

    public override string ToString() => Name;
}
