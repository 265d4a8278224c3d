using System.Text.Json.Serialization;

namespace PbenchAuthSpec.SpecTests.Catalogue;

/// <summary>What a target catalogue says for one contract profile (<c>pbench</c> or <c>diagram</c>).</summary>
public sealed record ProfileCatalogue
{
    [JsonPropertyName("_comment")]
    public string? Comment { get; init; }

    /// <summary>Step 1's path on the target, e.g. <c>/api/v1/endpoints</c>.</summary>
    [JsonPropertyName("configEndpoint")]
    public string ConfigEndpoint { get; init; } = "/api/v1/endpoints";

    /// <summary>The audience the target requires in <c>aud</c> (Pbench's <c>[openid] audience</c>).</summary>
    [JsonPropertyName("audience")]
    public string Audience { get; init; } = "pbench-server";

    /// <summary>
    /// The clock leeway the target allows past a token's <c>exp</c>, in seconds (Pbench: none). A
    /// real expired token (<c>--broker-admin-changes</c>, <c>--wait-for-expiry</c>) is presented after it.
    /// </summary>
    [JsonPropertyName("leewaySeconds")]
    public int LeewaySeconds { get; init; }

    [JsonPropertyName("variables")]
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    /// <summary>Run once after login, before step 18 (e.g. find the login user's dataset).</summary>
    [JsonPropertyName("setup")]
    public IReadOnlyList<CatalogueCall> Setup { get; init; } = [];

    [JsonPropertyName("step18")]
    public IReadOnlyList<CatalogueCall> Step18 { get; init; } = [];

    /// <summary>The forbidden matrix.</summary>
    [JsonPropertyName("step19")]
    public IReadOnlyList<CatalogueCall> Step19 { get; init; } = [];

    /// <summary>Endpoints that need a user: the invalid-token matrix is aimed at them.</summary>
    [JsonPropertyName("step20")]
    public IReadOnlyList<CatalogueCall> Step20 { get; init; } = [];

    [JsonPropertyName("cleanup")]
    public IReadOnlyList<CatalogueCall> Cleanup { get; init; } = [];
}
