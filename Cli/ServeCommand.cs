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
        var line = Program.Parse(args, ["--defect", "--profile", "--idp-port", "--broker-port", "--target-port", "--target", "--fixtures", "--mapping", "--keycloak-version", "--allowed-host"], ["--json", "--log"]);
        var options = Options(line);
        await using var stack = await StandInStack.StartAsync(options);

        if (line.Flag("--json"))
        {
            var urls = new JsonObject
            {
                ["idp"] = stack.Idp.BaseUrl,
                ["broker"] = stack.Broker.BaseUrl,
                ["realm"] = stack.RealmUrl,
                ["target"] = stack.TargetUrl,
            };
            Console.WriteLine(urls.ToJsonString());
        }

        foreach (var text in ServeBanner.Lines(stack, options))
        {
            Console.WriteLine(text);
        }

        await Console.Out.FlushAsync();
        await WaitForStopAsync();
        return 0;
    }

    private static StandInStackOptions Options(CommandLine line)
    {
        var target = line.Value("--target");
        var profile = line.Value("--profile") ?? "pbench";
        if (profile is not ("pbench" or "diagram"))
        {
            throw new ArgumentException($"--profile {profile}: expected pbench or diagram.");
        }

        var defects = line.Values("--defect");
        PbenchAuthSpec.ReferenceServer.DefectNames.Validate(defects);
        AllowedHostNames.Validate(line.Values("--allowed-host"));
        if (target is not null)
        {
            // These choose how ReferenceServer behaves, and with --target serve starts none.
            var useless = (line.Value("--profile") is not null ? "--profile" : line.Value("--target-port") is not null ? "--target-port" : null)
                ?? defects.Where(d => !d.StartsWith(StandInStack.BrokerDefectPrefix, StringComparison.Ordinal)).Select(d => $"--defect {d}").FirstOrDefault();
            if (useless is not null)
            {
                throw new ArgumentException($"{useless} applies to the ReferenceServer serve starts; with --target {target} it starts none (broker-* defects still apply).");
            }
        }

        var fixtures = line.Value("--fixtures");
        var options = new StandInStackOptions
        {
            Defects = defects,
            Profile = profile,
            IdpPort = Port(line, "--idp-port"),
            BrokerPort = Port(line, "--broker-port"),
            TargetPort = Port(line, "--target-port"),
            TargetUrl = target is null ? null : ForeignTarget.Parse(target).Origin,
            FixturesDirectory = fixtures is null ? null : Path.GetFullPath(fixtures),
            MappingFiles = line.Values("--mapping").Select(Path.GetFullPath).ToList(),
            KeycloakVersion = KeycloakVersion(line.Value("--keycloak-version")),
            Logging = line.Flag("--log"),
            AllowedHosts = line.Values("--allowed-host"),
        };
        ServeInputs.RequireReadable(options);
        return options;
    }

    private static int? KeycloakVersion(string? text) =>
        text is null ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version is > 0 and < 1000 ? version
        : throw new ArgumentException($"--keycloak-version {text}: expected a Keycloak major version such as 24 or 26.");

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
