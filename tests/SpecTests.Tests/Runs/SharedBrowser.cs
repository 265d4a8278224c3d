using Microsoft.Playwright;
using NUnit.Framework;
using PbenchAuthSpec.SpecTests.Browser;
using PbenchAuthSpec.SpecTests.Engine;
using PbenchAuthSpec.SpecTests.Reports;
using PbenchAuthSpec.SpecTests.Settings;

namespace PbenchAuthSpec.SpecTests.Tests.Runs;

/// <summary>
/// One Chromium for every whole-run test of this folder (runs get fresh contexts, so they do not
/// share cookies); each run writes to its own temporary folder.
/// </summary>
[SetUpFixture]
public sealed class SharedBrowser
{
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;

    public static string Artifacts { get; } = Path.Combine(Path.GetTempPath(), $"pbench-auth-spec-selftests-{Environment.ProcessId}");

    public static IBrowser Browser => _browser ?? throw new InvalidOperationException("the shared browser is not started");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await BrowserLauncher.LaunchAsync(_playwright);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Directory.Exists(Artifacts))
        {
            Directory.Delete(Artifacts, recursive: true);
        }
    }

    /// <summary>Settings as <c>./pbench-auth-spec run</c> would make them from these variables (no trace, a fresh run folder).</summary>
    public static SpecSettings Settings(params (string Name, string Value)[] variables)
    {
        var env = variables.ToDictionary(v => EnvironmentOverrides.Prefix + v.Name, v => (string?)v.Value);
        env.TryAdd(EnvironmentOverrides.Prefix + "TRACE", "off");
        env[EnvironmentOverrides.Prefix + "ARTIFACTS"] = Artifacts;
        env[EnvironmentOverrides.Prefix + "RUN_DIR"] = Path.Combine(Artifacts, Guid.NewGuid().ToString("N"));
        return SpecSettingsLoader.Load(env);
    }

    public static Task<SpecReport> RunAsync(SpecSettings settings, SpecTarget? target = null) => SpecRun.RunAsync(settings, Browser, target);
}
