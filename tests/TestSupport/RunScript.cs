using System.Diagnostics;
using System.Xml.Linq;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.TestSupport;

/// <summary>
/// <c>SpecTests/run</c> (what <c>./pbench-auth-spec run</c> executes) over the built SpecTests
/// assembly, each run into its own artifacts folder, removed on dispose; results read from its TRX.
/// </summary>
internal sealed class RunScript : IDisposable
{
    public static readonly string Path = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(FixturePaths.Directory)!, "SpecTests", "run");
    private static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
    private readonly List<string> _artifacts = [];

    /// <summary>The script into a fresh artifacts folder (<c>--artifacts</c>).</summary>
    public Task<(int Exit, string Stdout, string Stderr, string RunDir)> RunAsync(params string[] args)
    {
        var artifacts = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"pbench-auth-spec-run-{Guid.NewGuid():N}");
        _artifacts.Add(artifacts);
        return RunInAsync(artifacts, ["--artifacts", artifacts, .. args]);
    }

    /// <summary>A fresh folder, removed on dispose.</summary>
    public string NewArtifacts()
    {
        var artifacts = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"pbench-auth-spec-run-{Guid.NewGuid():N}");
        Directory.CreateDirectory(artifacts);
        _artifacts.Add(artifacts);
        return artifacts;
    }

    /// <summary>The script with exactly these arguments; the run folder is looked for under <paramref name="artifacts"/>/runs.</summary>
    public static Task<(int Exit, string Stdout, string Stderr, string RunDir)> RunInAsync(string artifacts, params string[] args) =>
        RunInAsync(artifacts, args, null);

    /// <summary>The same with these variables set (a null value removes one).</summary>
    public static async Task<(int Exit, string Stdout, string Stderr, string RunDir)> RunInAsync(string artifacts, string[] args, IReadOnlyDictionary<string, string?>? environment)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path }.Concat(args))
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("bash did not start.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        var runs = System.IO.Path.Combine(artifacts, "runs");
        var runDir = Directory.Exists(runs) ? Directory.GetDirectories(runs).Single() : artifacts;
        return (process.ExitCode, await stdout, await stderr, runDir);
    }

    public static List<XElement> Results(string runDir) =>
        XDocument.Load(System.IO.Path.Combine(runDir, "spec.trx")).Descendants(Trx + "UnitTestResult").ToList();

    public static XElement Result(IEnumerable<XElement> results, string prefix) =>
        results.Single(r => ((string?)r.Attribute("testName"))!.StartsWith(prefix, StringComparison.Ordinal));

    public static string Output(IEnumerable<XElement> results, string prefix) =>
        Result(results, prefix).Descendants(Trx + "StdOut").Single().Value;

    /// <summary>Everything NUnit said about the test (its message, for a skipped one the reason).</summary>
    public static string Messages(IEnumerable<XElement> results, string prefix) =>
        string.Join("\n", Result(results, prefix).Descendants().Where(e => e.Name.LocalName is "Message" or "Text" or "StdOut").Select(e => e.Value));

    public void Dispose()
    {
        foreach (var folder in _artifacts.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }

        _artifacts.Clear();
    }
}
