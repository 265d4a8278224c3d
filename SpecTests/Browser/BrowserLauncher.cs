using Microsoft.Playwright;

namespace PbenchAuthSpec.SpecTests.Browser;

/// <summary>Launches Chromium the way this machine kind needs it: headless, no sandbox as root, no background traffic.</summary>
public static class BrowserLauncher
{
    public static readonly IReadOnlyList<string> Flags =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
    ];

    /// <param name="extraArgs">More Chromium flags (playwright.config.json <c>browser.args</c>), after the required ones.</param>
    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright, bool headless = true, float? slowMo = null, string? executablePath = null, IReadOnlyList<string>? extraArgs = null)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        var path = ChromiumLocator.Find(executablePath);
        try
        {
            return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = path,
                Headless = headless,
                SlowMo = slowMo,
                Args = [.. Flags, .. (extraArgs ?? []).Except(Flags, StringComparer.Ordinal)],
            });
        }
        catch (PlaywrightException e)
        {
            var what = path ?? "Playwright's bundled Chromium";
            throw new InvalidOperationException(
                $"Chromium could not start ({what}): install Debian's chromium package (apt-get install -y chromium) or set {ChromiumLocator.EnvironmentVariable}. {FirstLine(e.Message)}",
                e);
        }
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0];
}
