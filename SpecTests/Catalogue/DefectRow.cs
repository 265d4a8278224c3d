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

    /// <summary>
    /// Where a dashboard's own traffic moves the catch (e.g. keycloak-js's prompt=none round trip),
    /// the steps for that dashboard; a dashboard not named here uses <see cref="Steps"/>.
    /// </summary>
    [JsonPropertyName("stepsByDashboard")]
    public IReadOnlyDictionary<string, IReadOnlyList<int>> StepsByDashboard { get; init; } = new Dictionary<string, IReadOnlyList<int>>();

    [JsonPropertyName("dashboards")]
    public IReadOnlyList<string> Dashboards { get; init; } = ["plain", "kc"];

    /// <summary>
    /// The upstream IdP that exposes the defect: null for MockIdp; <c>oidc-provider:VARIANT</c> for
    /// the self-tests' second IdP (<c>userinfo</c>: profile claims only at userinfo, <c>es256</c>,
    /// <c>pkce</c>: PKCE required), which the defect matrix starts in MockIdp's place.
    /// </summary>
    [JsonPropertyName("idp")]
    public string? Idp { get; init; }

    /// <summary>The verdict the named steps must get: <c>fail</c> (default) or <c>warn</c>.</summary>
    [JsonPropertyName("verdict")]
    public string Verdict { get; init; } = "fail";

    /// <summary>The steps that must catch this defect in a run against <paramref name="dashboard"/>.</summary>
    public IReadOnlyList<int> StepsFor(string dashboard) => StepsByDashboard.TryGetValue(dashboard, out var steps) ? steps : Steps;

    public override string ToString() => Name;
}
