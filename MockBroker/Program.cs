using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker;

/// <summary>
/// <c>dotnet run --project MockBroker -- --urls http://127.0.0.1:PORT [--idp-url URL] [--target-url URL]
/// [--fixture FILE] [--mappings PATH]... [--fault NAME]... [--keycloak-version N] [--https [--https-cert PEM]] [--allowed-host NAME]... [--log] [--foreign]</c>
/// </summary>
public static class Program
{
    private static readonly HashSet<string> Valued = ["--urls", "--idp-url", "--target-url", "--fixture", "--mappings", "--fault", "--keycloak-version", "--https-cert", "--allowed-host"];
    private static readonly HashSet<string> Flags = ["--log", "--https", "--foreign"];

    public static async Task<int> Main(string[] args)
    {
        MockBrokerServer broker;
        try
        {
            broker = await MockBrokerServer.StartAsync(Options(CommandLine.Parse(args, Valued, Flags)));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or FormatException)
        {
            await Console.Error.WriteLineAsync($"MockBroker: {e.Message}");
            return 2;
        }

        await using (broker)
        {
            Console.WriteLine($"MockBroker listening on {broker.BaseUrl}");
            foreach (var realm in broker.RealmNames.Where(r => r != "master").OrderBy(r => r != "pbench-server"))
            {
                Console.WriteLine($"MockBroker realm {realm}: {broker.RealmUrl(realm)}");
            }

            string? pem = null;
            if (broker.Certificate is { } certificate)
            {
                // Scripts trust it the curl way: CURL_CA_BUNDLE=<this file>.
                pem = Path.Combine(Path.GetTempPath(), $"mockbroker-{Environment.ProcessId}.pem");
                await File.WriteAllTextAsync(pem, Hosting.LoopbackCertificate.ToPem(certificate));
                Console.WriteLine($"MockBroker TLS certificate (PEM): {pem}");
            }

            await broker.Host.WaitForShutdownAsync();
            if (pem is not null)
            {
                File.Delete(pem);
            }
        }

        return 0;
    }

    private static MockBrokerOptions Options(CommandLine line)
    {
        var stack = new StackUrls();
        SetUrl(stack, "idp", line.Value("--idp-url"), "--idp-url");
        SetUrl(stack, "target", line.Value("--target-url"), "--target-url");
        var version = line.Value("--keycloak-version");
        AllowedHostNames.Validate(line.Values("--allowed-host"));
        var https = line.Flag("--https") || line.Value("--https-cert") is not null;
        var urls = line.Value("--urls") ?? (https ? "https://127.0.0.1:0" : "http://127.0.0.1:0");
        if (https != urls.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"--urls {urls}: use https://127.0.0.1:PORT with --https, http:// without it.");
        }

        return new MockBrokerOptions
        {
            Urls = urls,
            Certificate = !https ? null
                : line.Value("--https-cert") is { } pem ? Hosting.LoopbackCertificate.FromPem(pem)
                : Hosting.LoopbackCertificate.Create(TimeProvider.System),
            FixtureFile = line.Value("--fixture"),
            MappingFiles = line.Values("--mappings"),
            Faults = line.Values("--fault").Select(BrokerFaults.Validate).ToList(),
            KeycloakVersion = version is null ? null
                : int.TryParse(version, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n
                : throw new ArgumentException($"--keycloak-version {version}: expected a Keycloak major version such as 24 or 26."),
            Stack = stack,
            AllowedHosts = line.Values("--allowed-host"),
            Logging = line.Flag("--log"),
            Foreign = line.Flag("--foreign"),
        };
    }

    private static void SetUrl(StackUrls stack, string name, string? url, string option)
    {
        if (url is null)
        {
            return;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"{option} {url}: expected an absolute http(s) URL such as http://127.0.0.1:8081.");
        }

        stack.Set(name, url);
    }
}
