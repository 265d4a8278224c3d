using System.Text.Json.Serialization;

namespace PbenchAuthSpec.SpecTests.Settings;

/// <summary>How Chromium is launched (<c>browser</c> in playwright.config.json).</summary>
public sealed record BrowserSettings
{
    /// <summary><c>auto</c> (Debian's chromium, else Playwright's), <c>bundled</c>, or a path.</summary>
    [JsonPropertyName("executablePath")]
    public string ExecutablePath { get; init; } = "auto";

    [JsonPropertyName("headless")]
    public bool Headless { get; init; } = true;

    /// <summary>Milliseconds Playwright waits before each action, so a person can follow a headed run.</summary>
    [JsonPropertyName("slowMo")]
    public int SlowMo { get; init; }

    /// <summary>Extra Chromium flags on top of the ones the launcher always passes.</summary>
    [JsonPropertyName("args")]
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Accept self-signed TLS certificates of the target and broker (browser and harness calls).</summary>
    [JsonPropertyName("ignoreHttpsErrors")]
    public bool IgnoreHttpsErrors { get; init; }
}
