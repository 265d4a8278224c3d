using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json.Nodes;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.SelfTests.MockBroker.Support;

/// <summary>
/// keycloak-js from npm, installed at test time under the test output with <c>npm ci</c> from
/// <c>SelfTests/MockBroker/KeycloakJs/</c> (its package.json pins the version, its lock file the
/// integrity). Nothing of it is committed; a fresh clone installs it on its first browser test.
/// </summary>
internal static class KeycloakJsPackage
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static string PinnedVersion => JsonNode.Parse(File.ReadAllText(Path.Combine(SourceFolder, "package.json")))!["dependencies"]!["keycloak-js"]!.GetValue<string>();

    private static string SourceFolder => Path.GetFullPath(Path.Combine(FixturePaths.Directory, "..", "SelfTests", "MockBroker", "KeycloakJs"));

    private static string InstallFolder => Path.Combine(AppContext.BaseDirectory, "keycloak-js");

    /// <summary>The path of <c>lib/keycloak.js</c>, installing the pinned release first if needed.</summary>
    public static async Task<string> EnsureInstalledAsync()
    {
        await Gate.WaitAsync();
        try
        {
            var installed = Path.Combine(InstallFolder, "node_modules", "keycloak-js");
            if (!IsPinnedVersion(installed))
            {
                Directory.CreateDirectory(InstallFolder);
                File.Copy(Path.Combine(SourceFolder, "package.json"), Path.Combine(InstallFolder, "package.json"), overwrite: true);
                File.Copy(Path.Combine(SourceFolder, "package-lock.json"), Path.Combine(InstallFolder, "package-lock.json"), overwrite: true);
                await NpmCiAsync();
            }

            return IsPinnedVersion(installed)
                ? Path.Combine(installed, "lib", "keycloak.js")
                : throw new InvalidOperationException($"npm ci finished but {installed} does not hold keycloak-js {PinnedVersion}.");
        }
        finally
        {
            Gate.Release();
        }
    }

    private static bool IsPinnedVersion(string folder)
    {
        var manifest = Path.Combine(folder, "package.json");
        return File.Exists(manifest) && JsonNode.Parse(File.ReadAllText(manifest))!["version"]!.GetValue<string>() == PinnedVersion;
    }

    private static async Task NpmCiAsync()
    {
        var start = new ProcessStartInfo("npm", "ci --no-audit --no-fund --ignore-scripts --loglevel=error")
        {
            WorkingDirectory = InstallFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("npm is not installed: install Node.js and npm (apt-get install -y npm) to run the keycloak-js browser tests.", e);
        }

        using (process)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.StandardOutput.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm ci for keycloak-js {PinnedVersion} failed in {InstallFolder}: {(await stderr).Trim()} (is the npm registry reachable?)");
            }
        }
    }
}
