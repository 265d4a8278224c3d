using NUnit.Framework;
using PbenchAuthSpec.SpecTests.Engine;
using PbenchAuthSpec.SpecTests.Reports;
using PbenchAuthSpec.SpecTests.Settings;

namespace PbenchAuthSpec.SpecTests.Conformance;

/// <summary>
/// Runs the conformance walk once for the whole test run; each step test then asserts that step's
/// checks. A settings, browser or reachability problem fails every test with one line saying what to do
/// (also written to setup-error.txt in the run folder, for ./pbench-auth-spec run).
/// </summary>
[SetUpFixture]
public sealed class SpecRunFixture
{
    private static SpecReport? _report;
    private static string? _problem;

    public static SpecSettings? Settings { get; private set; }

    public static SpecReport Report => _report ?? throw new InvalidOperationException(_problem ?? "the conformance run did not happen");

    [OneTimeSetUp]
    public async Task RunTheWalkAsync()
    {
        try
        {
            Settings = SpecSettingsLoader.Load();
            _report = await SpecRun.RunAsync(Settings, progress: TestContext.Progress.WriteLine);
            Handoff("run-dir", _report.RunDirectory);
            await TestContext.Progress.WriteLineAsync(ConsoleTable.Render(_report));
        }
        catch (Exception e) when (e is SpecSettingsException or SpecRunException or InvalidOperationException or Microsoft.Playwright.PlaywrightException)
        {
            _problem = e.Message.Split('\n')[0];
            WriteProblem(_problem);
            Assert.Fail(_problem);
        }
    }

    private static void WriteProblem(string message)
    {
        Handoff("setup-error.txt", message);
        var folder = Environment.GetEnvironmentVariable(EnvironmentOverrides.Prefix + "RUN_DIR");
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "setup-error.txt"), message + "\n");
        }
    }

    // ./pbench-auth-spec run learns where the settings put the run folder (or what stopped the run)
    // from the hand-off folder it names in PBENCH_AUTH_SPEC_HANDOFF (not a setting: a channel to the script).
    private static void Handoff(string file, string content)
    {
        var folder = Environment.GetEnvironmentVariable(EnvironmentOverrides.Prefix + "HANDOFF");
        if (!string.IsNullOrEmpty(folder) && Directory.Exists(folder))
        {
            File.WriteAllText(Path.Combine(folder, file), content + "\n");
        }
    }
}
