using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json.Nodes;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Tests.Support;

/// <summary>
/// An npm package the tests drive, installed at test time under the test output with <c>npm ci</c>
/// from a folder of <c>tests/MockBroker.Tests/</c> (its package.json pins the version, its lock file
/// the integrity), with the folder's other files copied beside it. Nothing of it is committed; a
/// fresh clone installs it on first use.
/// </summary>
internal sealed class NpmHarness(string folder, string package)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public string PinnedVersion => JsonNode.Parse(File.ReadAllText(Path.Combine(SourceFolder, "package.json")))!["dependencies"]![package]!.GetValue<string>();

    /// <summary>Where the package.json, lock file and scripts are copied and node_modules installed.</summary>
    public string InstallFolder => Path.Combine(AppContext.BaseDirectory, folder);

    private string SourceFolder => Path.GetFullPath(Path.Combine(FixturePaths.Directory, "..", "tests", "MockBroker.Tests", folder));

    /// <summary>The installed package's folder, installing the pinned release first if needed.</summary>
    public async Task<string> EnsureInstalledAsync()
    {
        await Gate.WaitAsync();
        try
        {
            var installed = Path.Combine(InstallFolder, "node_modules", package);
            Directory.CreateDirectory(InstallFolder);
            foreach (var file in Directory.GetFiles(SourceFolder))
            {
                File.Copy(file, Path.Combine(InstallFolder, Path.GetFileName(file)), overwrite: true);
            }

            if (!IsPinnedVersion(installed))
            {
                await NpmCiAsync();
            }

            return IsPinnedVersion(installed)
                ? installed
                : throw new InvalidOperationException($"npm ci finished but {installed} does not hold {package} {PinnedVersion}.");
        }
        finally
        {
            Gate.Release();
        }
    }

    private bool IsPinnedVersion(string installed)
    {
        var manifest = Path.Combine(installed, "package.json");
        return File.Exists(manifest) && JsonNode.Parse(File.ReadAllText(manifest))!["version"]!.GetValue<string>() == PinnedVersion;
    }

    private async Task NpmCiAsync()
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
            throw new InvalidOperationException($"npm is not installed: install Node.js and npm (apt-get install -y npm) to run the {package} tests.", e);
        }

        using (process)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.StandardOutput.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm ci for {package} {PinnedVersion} failed in {InstallFolder}: {(await stderr).Trim()} (is the npm registry reachable?)");
            }
        }
    }
}
