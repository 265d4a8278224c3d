namespace PbenchAuthSpec.LoadGen;

/// <summary>The command lines of the servers under measurement, each on a port of its own.</summary>
public static class Launches
{
    public const string Realm = "/realms/pbench-server";

    public static ServerLaunch Anchor(BenchPaths paths, int port) =>
        new("oauth2-mock-server", "node", [Path.Combine(paths.AnchorDirectory, "server.mjs"), $"{port}", paths.SigningKey], Local(port, "/.well-known/openid-configuration"))
        {
            WorkingDirectory = paths.AnchorDirectory,
        };

    public static ServerLaunch Broker(BenchPaths paths, int port, int idpPort, int targetPort, string? fixture = null) =>
        App("MockBroker", paths.BrokerApp, ["--urls", $"http://127.0.0.1:{port}", "--idp-url", $"http://127.0.0.1:{idpPort}", "--target-url", $"http://127.0.0.1:{targetPort}", .. Fixture(fixture)],
            Local(port, $"{Realm}/.well-known/openid-configuration")) with
        {
            WorkingDirectory = paths.Root,
        };

    public static ServerLaunch Idp(BenchPaths paths, int port, int brokerPort, string? fixture = null) =>
        App("MockIdp", paths.IdpApp, ["--urls", $"http://127.0.0.1:{port}", "--broker-url", $"http://127.0.0.1:{brokerPort}", .. Fixture(fixture)],
            Local(port, "/.well-known/openid-configuration")) with
        {
            WorkingDirectory = paths.Root,
        };

    /// <summary>A native (AOT) executable runs as it is; a .dll runs with <c>dotnet</c>.</summary>
    private static ServerLaunch App(string name, string app, string[] arguments, Uri ready) =>
        app.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? new(name, "dotnet", [app, .. arguments], ready) : new(name, app, arguments, ready);

    private static string[] Fixture(string? file) => file is null ? [] : ["--fixture", file];

    public static Uri Local(int port, string path) => new($"http://127.0.0.1:{port}{path}");
}
