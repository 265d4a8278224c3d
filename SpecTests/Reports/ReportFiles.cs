namespace PbenchAuthSpec.SpecTests.Reports;

/// <summary>
/// Writes report.json, report.html, console.txt and <c>exit-code</c> (the run's decision, which
/// <c>./pbench-auth-spec run</c> exits with) into the run folder, the failing ids to a
/// <c>--write-known-failures</c> file when asked, and points <c>{artifacts}/latest</c> at the folder.
/// </summary>
public static class ReportFiles
{
    public const string ExitCodeFile = "exit-code";

    public static async Task WriteAsync(SpecReport report, string artifacts, string? knownFailuresOut, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var dir = report.RunDirectory;
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "report.json"), ReportJson.Serialize(report), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(dir, "report.html"), ReportHtml.Render(report), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(dir, "console.txt"), ConsoleTable.Render(report), cancellationToken);
        if (knownFailuresOut is not null)
        {
            await File.WriteAllTextAsync(knownFailuresOut, KnownFailureMarks.Render(report), cancellationToken);
        }

        await File.WriteAllTextAsync(Path.Combine(dir, ExitCodeFile), $"{report.Summary.ExitCode}\n", cancellationToken);
        PointLatest(artifacts, dir);
    }

    // Two runs side by side each write their own folder; "latest" is whichever finished last.
    private static void PointLatest(string artifacts, string dir)
    {
        var full = Path.GetFullPath(dir);
        if (!full.StartsWith(Path.GetFullPath(artifacts) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return;
        }

        var latest = Path.Combine(artifacts, "latest");
        try
        {
            if (new FileInfo(latest).LinkTarget is not null)
            {
                File.Delete(latest);
            }

            File.CreateSymbolicLink(latest, Path.GetRelativePath(artifacts, full));
        }
        catch (IOException)
        {
            // Another run replaced it at the same moment; either is "latest".
        }
    }
}
