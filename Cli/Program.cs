using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.Cli;

/// <summary>The program behind <c>./pbench-auth-spec serve</c> and <c>./pbench-auth-spec defects</c>.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        try
        {
            return args switch
            {
                ["serve", .. var rest] => await ServeCommand.RunAsync(rest),
                ["defects", .. var rest] => DefectsCommand.Run(rest),
                _ => Usage(),
            };
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException)
        {
            await Console.Error.WriteLineAsync($"pbench-auth-spec: {e.Message}");
            return 2;
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: pbench-auth-spec serve [--target URL] [--json] [--fixtures DIR] [--mapping FILE]... [--keycloak-version N] [--idp ISSUER] [--defect NAME]... [--profile pbench|diagram] [--idp-port N] [--broker-port N] [--target-port N] [--allowed-host NAME]... [--target-host 127.0.0.1|localhost] [--until-stdin-closes] [--log]");
        Console.Error.WriteLine("       pbench-auth-spec defects [--json]");
        return 2;
    }

    internal static CommandLine Parse(string[] args, string[] valued, string[] flags) =>
        CommandLine.Parse(args, valued.ToHashSet(StringComparer.Ordinal), flags.ToHashSet(StringComparer.Ordinal));
}
