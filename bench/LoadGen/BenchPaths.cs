namespace PbenchAuthSpec.LoadGen;

/// <summary>Where bench/run put the anchor and the stand-ins it built.</summary>
public sealed record BenchPaths(string Root)
{
    public string AnchorDirectory => Path.Combine(Root, "bench", "anchor");

    public static string ScriptDirectory => AppContext.BaseDirectory;

    public string SigningKey => Path.Combine(Root, "fixtures", "keys", "broker-signing.pem");

    /// <summary>MockBroker: a native (AOT) executable, or a .dll run with <c>dotnet</c>.</summary>
    public string BrokerApp { get; init; } = "";

    /// <summary>MockIdp: a native (AOT) executable, or a .dll run with <c>dotnet</c>.</summary>
    public string IdpApp { get; init; } = "";

    public void Check()
    {
        foreach (var (file, what) in new[] { (BrokerApp, "MockBroker"), (IdpApp, "MockIdp"), (Path.Combine(AnchorDirectory, "node_modules", "oauth2-mock-server", "package.json"), "the anchor (npm ci in bench/anchor)") })
        {
            if (!File.Exists(file))
            {
                throw new BenchException($"{what} not found at {file}: run bench/run, which builds and installs it.");
            }
        }
    }
}
