namespace PbenchAuthSpec.SpecTests.Reports;

/// <summary>
/// The dashboard's console lines that tell why a login died: errors, uncaught exceptions and its
/// client library's own lines (keycloak-js's <c>[KEYCLOAK] …</c>), not the app's debug logging.
/// </summary>
public static class ConsoleLines
{
    /// <summary>The last <paramref name="last"/> relevant lines, a line repeated in a row counted once (<c>(×3)</c>).</summary>
    public static IReadOnlyList<string> Relevant(IEnumerable<string> console, int last = 8)
    {
        ArgumentNullException.ThrowIfNull(console);
        var relevant = new List<(string Line, int Count)>();
        foreach (var line in console.Where(IsRelevant))
        {
            if (relevant.Count > 0 && relevant[^1].Line == line)
            {
                relevant[^1] = (line, relevant[^1].Count + 1);
            }
            else
            {
                relevant.Add((line, 1));
            }
        }

        return [.. relevant.Skip(Math.Max(0, relevant.Count - last)).Select(r => r.Count == 1 ? r.Line : $"{r.Line} (×{r.Count})")];
    }

    private static bool IsRelevant(string line) =>
        line.StartsWith("error:", StringComparison.Ordinal) || line.StartsWith("pageerror:", StringComparison.Ordinal) || line.Contains("[KEYCLOAK]", StringComparison.Ordinal);
}
