namespace PbenchAuthSpec.SpecTests.Reports;

/// <summary>Writes report.json, report.html and console.txt into the run folder and points <c>{artifacts}/latest</c> at it.</summary>
public static class ReportFiles
{
    public static async Task WriteAsync(SpecReport report, string artifacts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var dir = report.RunDirectory;
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "report.json"), ReportJson.Serialize(report), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(dir, "report.html"), ReportHtml.Render(report), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(dir, "console.txt"), ConsoleTable.Render(report), cancellationToken);
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
        var temporary = latest + "." + Guid.NewGuid().ToString("N")[..8];
        try
        {
            File.CreateSymbolicLink(temporary, Path.GetRelativePath(artifacts, full));
            File.Move(temporary, latest, overwrite: true);
        }
        catch (IOException)
        {
            File.Delete(temporary);
        }
    }
}
