namespace PbenchAuthSpec.Protocol;

/// <summary>Finds the test-only fixture folder (<c>fixtures/</c> at the repository root).</summary>
public static class FixturePaths
{
    public const string EnvironmentVariable = "PBENCH_AUTH_SPEC_FIXTURES";

    private static readonly Lazy<string> Root = new(Locate);

    public static string Directory => Root.Value;

    public static string File(params string[] parts) => Path.Combine([Directory, .. parts]);

    private static string Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return System.IO.Directory.Exists(fromEnvironment)
                ? Path.GetFullPath(fromEnvironment)
                : throw new InvalidOperationException(
                    $"{EnvironmentVariable}={fromEnvironment}: no such folder; point it at the fixtures/ folder of PbenchAuthSpec.");
        }

        foreach (var start in new[] { AppContext.BaseDirectory, System.IO.Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "fixtures");
                if (System.IO.File.Exists(Path.Combine(candidate, "idp.json")))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException(
            $"fixtures/ not found above {AppContext.BaseDirectory}; run from the PbenchAuthSpec checkout or set {EnvironmentVariable}.");
    }
}
