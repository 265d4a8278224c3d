using System.Text.Json.Serialization;

namespace PbenchAuthSpec.SpecTests.Settings;

/// <summary>Playwright timeouts (<c>timeouts</c> in playwright.config.json).</summary>
public sealed record TimeoutSettings
{
    [JsonPropertyName("actionMs")]
    public int ActionMs { get; init; } = 10_000;

    [JsonPropertyName("navigationMs")]
    public int NavigationMs { get; init; } = 15_000;

    /// <summary>Harness HTTP calls (discovery, JWKS, password grant, admin API).</summary>
    [JsonPropertyName("httpMs")]
    public int HttpMs { get; init; } = 10_000;
}
