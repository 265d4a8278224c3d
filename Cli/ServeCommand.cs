using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.Cli;

/// <summary><c>serve</c>: the stand-in stack on loopback until Ctrl-C (or SIGTERM).</summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var line = Program.Parse(args, ["--defect", "--profile", "--idp-port", "--broker-port", "--target-port", "--idp"], ["--json", "--log"]);
        var profile = line.Value("--profile") ?? "pbench";
        if (profile is not ("pbench" or "diagram"))
        {
            throw new ArgumentException($"--profile {profile}: expected pbench or diagram.");
        }

        var defects = line.Values("--defect");
        PbenchAuthSpec.ReferenceServer.DefectNames.Validate(defects);

        await using var stack = await StandInStack.StartAsync(new StandInStackOptions
        {
            Defects = defects,
            Profile = profile,
            IdpPort = Port(line, "--idp-port"),
            BrokerPort = Port(line, "--broker-port"),
            TargetPort = Port(line, "--target-port"),
            IdpIssuer = Issuer(line.Value("--idp")),
            Logging = line.Flag("--log"),
        });

        if (line.Flag("--json"))
        {
            var urls = new JsonObject
            {
                ["idp"] = stack.IdpUrl,
                ["broker"] = stack.Broker.BaseUrl,
                ["realm"] = stack.RealmUrl,
                ["target"] = stack.Target.BaseUrl,
            };
            Console.WriteLine(urls.ToJsonString());
        }

        PrintHuman(stack, defects);
        await Console.Out.FlushAsync();
        await WaitForStopAsync();
        return 0;
    }

    private static void PrintHuman(StandInStack stack, IReadOnlyList<string> defects)
    {
        if (stack.StartedMockIdp)
        {
            Console.WriteLine($"MockIdp          {stack.Idp.BaseUrl}  (discovery {stack.Idp.BaseUrl}/.well-known/openid-configuration)");
        }

        // Another provider, already running: say what the broker uses and what it must register.
        foreach (var idp in stack.StartedMockIdp ? [] : stack.IdentityProviders())
        {
            Console.WriteLine($"identity provider '{idp.Alias}' at {idp.Issuer ?? "(endpoint URLs of the broker fixture)"} (not started here), client {idp.ClientId}, redirect URI {idp.RedirectUri}");
        }

        Console.WriteLine($"MockBroker       {stack.Broker.BaseUrl}  (realm {stack.RealmUrl})");
        Console.WriteLine($"ReferenceServer  {stack.Target.BaseUrl}  (dashboard {stack.Target.BaseUrl}/dashboard/)");
        Console.WriteLine($"Journal          {stack.Broker.BaseUrl}/__admin/requests (all three servers, in order)");
        foreach (var (where, user, password) in FixtureUsers(stack.StartedMockIdp))
        {
            Console.WriteLine($"user             {user} / {password}  ({where})");
        }

        if (defects.Count > 0)
        {
            Console.WriteLine($"defects on       {string.Join(", ", defects)}");
        }

        Console.WriteLine("Press Ctrl-C to stop.");
    }

    private static IEnumerable<(string Where, string User, string Password)> FixtureUsers(bool mockIdp)
    {
        var idp = JsonNode.Parse(File.ReadAllText(FixturePaths.File("idp.json")))!;
        foreach (var user in mockIdp ? idp["users"]!.AsArray() : [])
        {
            yield return ("MockIdp, log in through the broker's MockIdp button", (string)user!["username"]!, (string)user["password"]!);
        }

        var broker = JsonNode.Parse(File.ReadAllText(FixturePaths.File("broker.json")))!;
        foreach (var realm in broker["realms"]!.AsArray())
        {
            foreach (var user in realm!["users"]!.AsArray())
            {
                yield return ($"MockBroker realm {(string)realm["realm"]!}, password grant", (string)user!["username"]!, (string)user["password"]!);
            }
        }
    }

    private static string? Issuer(string? text) =>
        text is null ? null
        : Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? text.TrimEnd('/')
        : throw new ArgumentException($"--idp {text}: expected the issuer URL of a running OpenID provider (its discovery is ISSUER/.well-known/openid-configuration).");

    private static int Port(CommandLine line, string name)
    {
        var text = line.Value(name);
        if (text is null)
        {
            return 0;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535
            ? port
            : throw new ArgumentException($"{name} {text}: expected a port number 0-65535.");
    }

    private static async Task WaitForStopAsync()
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stopped.TrySetResult(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stopped.TrySetResult(); });
        await stopped.Task;
        Console.Error.WriteLine("stopping…");
    }

    internal static JsonSerializerOptions Json { get; } = new() { WriteIndented = true };
}
