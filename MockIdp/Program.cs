using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockIdp;

/// <summary>
/// Standalone MockIdp: <c>--urls http://127.0.0.1:PORT [--broker-url URL] [--fixture FILE]
/// [--mappings PATH]... [--redirect-status 302|303] [--allowed-host NAME]... [--log]</c>. The first line on stdout is
/// <c>MockIdp listening on URL</c>; it runs until Ctrl-C or SIGTERM.
/// </summary>
public static class Program
{
    private static readonly HashSet<string> Valued = ["--urls", "--broker-url", "--fixture", "--mappings", "--redirect-status", "--allowed-host"];
    private static readonly HashSet<string> Flags = ["--log"];

    public static async Task<int> Main(string[] args)
    {
        MockIdpOptions options;
        try
        {
            options = ReadOptions(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"MockIdp: {e.Message}");
            return 2;
        }

        MockIdpServer server;
        try
        {
            server = await MockIdpServer.StartAsync(options);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
            await Console.Error.WriteLineAsync($"MockIdp: {FirstLine(e.Message)}");
            return 2;
        }

        await using (server)
        {
            Console.Out.WriteLine($"MockIdp listening on {server.BaseUrl}");
            Console.Out.WriteLine($"  discovery: {server.BaseUrl}/.well-known/openid-configuration");
            Console.Out.WriteLine("  users: alice/alice-password, bob/bob-password, admin/admin-password (fixture defaults)");
            await Console.Out.FlushAsync();
            await server.Host.WaitForShutdownAsync();
        }

        return 0;
    }

    private static MockIdpOptions ReadOptions(string[] args)
    {
        var line = CommandLine.Parse(args, Valued, Flags);
        var stack = new StackUrls();
        if (line.Value("--broker-url") is { } broker)
        {
            if (!Uri.TryCreate(broker, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new ArgumentException($"--broker-url '{broker}' is not an absolute http(s) URL.");
            }

            stack.Set("broker", broker);
        }

        AllowedHostNames.Validate(line.Values("--allowed-host"));
        var fixture = line.Value("--fixture");
        if (fixture is not null && !File.Exists(fixture))
        {
            throw new ArgumentException($"--fixture {fixture}: no such file.");
        }

        return new MockIdpOptions
        {
            Urls = line.Value("--urls") ?? "http://127.0.0.1:0",
            FixtureFile = fixture,
            Stack = stack,
            MappingFiles = line.Values("--mappings"),
            RedirectStatus = ReadRedirectStatus(line.Value("--redirect-status")),
            AllowedHosts = line.Values("--allowed-host"),
            Logging = line.Flag("--log"),
        };
    }

    private static int? ReadRedirectStatus(string? value) => value switch
    {
        null => null,
        "302" => 302,
        "303" => 303,
        _ => throw new ArgumentException($"--redirect-status '{value}': use 302 or 303."),
    };

    private static string FirstLine(string text) => text.Split('\n', 2)[0];
}
