namespace PbenchAuthSpec.SpecTests.Reports;

/// <summary>
/// The dashboard's console lines that tell why a login died: errors, uncaught exceptions and its
/// client library's own lines (keycloak-js's <c>[KEYCLOAK] …</c>), not the app's debug logging.
/// </summary>
public static class ConsoleLines
{
    public static IReadOnlyList<string> Relevant(IEnumerable<string> console, int last = 8)
    {
        ArgumentNullException.ThrowIfNull(console);
        var relevant = console.Where(line => line.StartsWith("error:", StringComparison.Ordinal) || line.StartsWith("pageerror:", StringComparison.Ordinal)
            || line.Contains("[KEYCLOAK]", StringComparison.Ordinal)).ToList();
        return relevant.Skip(Math.Max(0, relevant.Count - last)).ToList();
    }
}
