namespace PbenchAuthSpec.LoadGen;

/// <summary>Where bench/run put the anchor and the stand-ins it built.</summary>
public sealed record BenchPaths(string Root)
{
    public string AnchorDirectory => Path.Combine(Root, "bench", "anchor");

    public static string ScriptDirectory => AppContext.BaseDirectory;

    public string SigningKey => Path.Combine(Root, "fixtures", "keys", "broker-signing.pem");

    public string BrokerDll { get; init; } = "";

    public string IdpDll { get; init; } = "";

    public void Check()
    {
        foreach (var (file, what) in new[] { (BrokerDll, "MockBroker"), (IdpDll, "MockIdp"), (Path.Combine(AnchorDirectory, "node_modules", "oauth2-mock-server", "package.json"), "the anchor (npm ci in bench/anchor)") })
        {
            if (!File.Exists(file))
            {
                throw new BenchException($"{what} not found at {file}: run bench/run, which builds and installs it.");
            }
        }
    }
}
