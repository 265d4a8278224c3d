using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.ReferenceServer;

/// <summary>
/// <c>dotnet run --project ReferenceServer -- --urls URL --broker-url URL [--realm R] [--client C]
/// [--audience A] [--profile pbench|diagram] [--defect NAME]... [--admin-user NAME]... [--allowed-host NAME]... [--log]</c>
/// </summary>
public static class Program
{
    private static readonly HashSet<string> Valued =
        ["--urls", "--broker-url", "--realm", "--client", "--audience", "--profile", "--defect", "--admin-user", "--allowed-host"];

    private static readonly HashSet<string> Flags = ["--log"];

    public static async Task<int> Main(string[] args)
    {
        ReferenceServerOptions options;
        try
        {
            options = Options(CommandLine.Parse(args, Valued, Flags));
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"ReferenceServer: {e.Message}");
            return 2;
        }

        try
        {
            await using var server = await ReferenceServerHost.StartAsync(options);
            Console.WriteLine($"ReferenceServer listening on {server.BaseUrl}");
            foreach (var ignored in options.Defects.Where(d => d.StartsWith(DefectNames.BrokerPrefix, StringComparison.Ordinal)))
            {
                await Console.Error.WriteLineAsync(
                    $"ReferenceServer: '{ignored}' is a broker defect and changes nothing here: start MockBroker with --fault {ignored[DefectNames.BrokerPrefix.Length..]}.");
            }

            await server.Host.WaitForShutdownAsync();
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IOException)
        {
            await Console.Error.WriteLineAsync($"ReferenceServer: could not start: {e.Message}");
            return 1;
        }
    }

    private static ReferenceServerOptions Options(CommandLine line)
    {
        DefectNames.Validate(line.Values("--defect"));
        AllowedHostNames.Validate(line.Values("--allowed-host"));
        var broker = line.Value("--broker-url")
            ?? throw new ArgumentException("--broker-url URL is required: the identity broker's base URL (Pbench [openid] server_url), e.g. http://127.0.0.1:8090.");
        var defaults = new ReferenceServerOptions();
        return new ReferenceServerOptions
        {
            Urls = line.Value("--urls") ?? defaults.Urls,
            BrokerUrl = broker,
            Realm = line.Value("--realm") ?? defaults.Realm,
            Client = line.Value("--client") ?? defaults.Client,
            Audience = line.Value("--audience") ?? defaults.Audience,
            Profile = line.Value("--profile") ?? defaults.Profile,
            Defects = line.Values("--defect"),
            AdminUsers = line.Values("--admin-user"),
            AllowedHosts = line.Values("--allowed-host"),
            Logging = line.Flag("--log"),
        };
    }
}
