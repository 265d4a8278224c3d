using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.StandIns;

namespace PbenchAuthSpec.Cli;

/// <summary><c>serve</c>: the stand-in stack on loopback until Ctrl-C (or SIGTERM).</summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var line = Program.Parse(args, ["--defect", "--profile", "--idp-port", "--broker-port", "--target-port", "--target", "--fixtures", "--mapping", "--keycloak-version", "--idp", "--allowed-host", "--target-host"], ["--json", "--log", "--until-stdin-closes"]);
        var options = Options(line);
        await using var stack = await StandInStack.StartAsync(options);

        if (line.Flag("--json"))
        {
            var urls = new JsonObject
            {
                ["idp"] = stack.IdpUrl,
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
        await WaitForStopAsync(line.Flag("--until-stdin-closes"));
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
        ReferenceServer.DefectNames.Validate(defects);
        AllowedHostNames.Validate(line.Values("--allowed-host"));
        if (target is not null)
        {
            // These choose how ReferenceServer behaves, and with --target serve starts none.
            var useless = (line.Value("--profile") is not null ? "--profile" : line.Value("--target-port") is not null ? "--target-port" : line.Value("--target-host") is not null ? "--target-host" : null)
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
            TargetHost = TargetHost(line.Value("--target-host")),
            TargetUrl = target is null ? null : ForeignTarget.Parse(target).Origin,
            FixturesDirectory = fixtures is null ? null : Path.GetFullPath(fixtures),
            MappingFiles = line.Values("--mapping").Select(Path.GetFullPath).ToList(),
            KeycloakVersion = KeycloakVersion(line.Value("--keycloak-version")),
            IdpIssuer = Issuer(line.Value("--idp")),
            Logging = line.Flag("--log"),
            AllowedHosts = line.Values("--allowed-host"),
        };
        ServeInputs.RequireReadable(options);
        return options;
    }

    // Every server binds 127.0.0.1: only the two names that reach it.
    private static string TargetHost(string? text) =>
        text is null or "127.0.0.1" or "localhost" ? text ?? "127.0.0.1"
        : throw new ArgumentException($"--target-host {text}: expected 127.0.0.1 or localhost (the stand-ins bind 127.0.0.1; localhost puts the dashboard on another site than the broker).");

    private static string? Issuer(string? text) =>
        text is null ? null
        : Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? text.TrimEnd('/')
        : throw new ArgumentException($"--idp {text}: expected the issuer URL of a running OpenID provider (its discovery is ISSUER/.well-known/openid-configuration).");

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

    private static async Task WaitForStopAsync(bool untilStdinCloses)
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stopped.TrySetResult(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stopped.TrySetResult(); });
        if (untilStdinCloses)
        {
            // The embedded run's stand-ins: the run holds the other end of stdin, and the kernel
            // closes it however the run ends (even SIGKILL), so serve never outlives it.
            _ = Task.Run(async () =>
            {
                await using var stdin = Console.OpenStandardInput();
                var buffer = new byte[256];
                while (await stdin.ReadAsync(buffer) > 0)
                {
                }

                stopped.TrySetResult();
            });
        }

        await stopped.Task;
        Console.Error.WriteLine("stopping…");
    }

    internal static JsonSerializerOptions Json { get; } = new() { WriteIndented = true };
}
