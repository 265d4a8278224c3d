namespace PbenchAuthSpec.SpecTests.Browser;

/// <summary>
/// Which Chromium to drive: the configured path, <c>PBENCH_AUTH_SPEC_CHROMIUM</c>, Debian's
/// <c>/usr/bin/chromium</c>, or else Playwright's bundled browser for users who have installed it.
/// </summary>
public static class ChromiumLocator
{
    public const string EnvironmentVariable = "PBENCH_AUTH_SPEC_CHROMIUM";

    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    /// <summary>An executable path, or null to let Playwright use its bundled browser.</summary>
    public static string? Find(string? configured = null)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        foreach (var explicitPath in new[] { fromEnvironment, configured })
        {
            if (string.IsNullOrEmpty(explicitPath) || explicitPath is "auto")
            {
                continue;
            }

            if (explicitPath is "bundled")
            {
                return null;
            }

            return File.Exists(explicitPath)
                ? explicitPath
                : throw new InvalidOperationException(
                    $"Chromium not found at '{explicitPath}' (browser.executablePath or {EnvironmentVariable}): install the chromium package or fix the path.");
        }

        return Candidates.FirstOrDefault(File.Exists);
    }
}
