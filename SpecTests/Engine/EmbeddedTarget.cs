using System.Globalization;
using PbenchAuthSpec.SpecTests.Settings;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>
/// The embedded target: MockIdp, MockBroker and ReferenceServer on free loopback ports, started as
/// <c>serve --json</c> (<see cref="StandInProcess"/>) and walked over HTTP exactly as any other
/// target (journal over <c>/__admin/requests</c>, the broker's keys over its hooks).
/// </summary>
public static class EmbeddedTarget
{
    public static async Task<SpecTarget> StartAsync(SpecSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var process = await StandInProcess.StartAsync(ServeOptions(settings), cancellationToken);
        return At(process.Urls.Target, process.Urls.Realm, owned: process, timeout: TimeSpan.FromMilliseconds(settings.Timeouts.HttpMs));
    }

    /// <summary>The <c>serve</c> options that give the stack these settings ask for.</summary>
    public static IReadOnlyList<string> ServeOptions(SpecSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = new List<string> { "--profile", settings.Profile, "--target-host", TargetHost(settings) };
        foreach (var defect in settings.Defects)
        {
            options.AddRange(["--defect", defect]);
        }

        if (settings.KeycloakVersion is { } version)
        {
            options.AddRange(["--keycloak-version", version.ToString(CultureInfo.InvariantCulture)]);
        }

        if (settings.Idp is { } issuer)
        {
            options.AddRange(["--idp", issuer]);
        }

        foreach (var (name, port) in new[] { ("--idp-port", settings.Ports.Idp), ("--broker-port", settings.Ports.Broker), ("--target-port", settings.Ports.Target) })
        {
            if (port != 0)
            {
                options.AddRange([name, port.ToString(CultureInfo.InvariantCulture)]);
            }
        }

        return options;
    }

    // keycloak-js's iframes behave as in a real Pbench deployment only when the dashboard and the
    // broker are different sites: the browser then treats the broker's frames as third-party (and
    // Chromium blocks their cookies), so check-sso makes its prompt=none round trip. The plain
    // dashboard has no iframes; it keeps the same-site loopback name. Every other preset (kc, pbench)
    // drives the keycloak-js dashboard.
    private static string TargetHost(SpecSettings settings) => settings.Dashboard is "plain" or "none" ? "127.0.0.1" : "localhost";

    /// <summary>
    /// A run against stand-ins already up at these URLs (a stack the caller started and stops, or
    /// <paramref name="owned"/>, stopped with the run): the same HTTP paths as against any target.
    /// </summary>
    public static SpecTarget At(string targetUrl, string realmUrl, IAsyncDisposable? owned = null, TimeSpan? timeout = null) =>
        SpecTarget.External(targetUrl, realmUrl, timeout ?? TimeSpan.FromMilliseconds(new TimeoutSettings().HttpMs)) with { Owned = owned, Description = "embedded" };
}
