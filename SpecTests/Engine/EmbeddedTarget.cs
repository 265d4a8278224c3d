using PbenchAuthSpec.Cli;
using PbenchAuthSpec.SpecTests.Settings;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>The embedded target: MockIdp, MockBroker and ReferenceServer in-process on free ports (<see cref="StandInStack"/>).</summary>
public static class EmbeddedTarget
{
    public static async Task<SpecTarget> StartAsync(SpecSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var stack = await StandInStack.StartAsync(new StandInStackOptions { Defects = settings.Defects, Profile = settings.Profile, TargetHost = TargetHost(settings), KeycloakVersion = settings.KeycloakVersion }, cancellationToken);
        return From(stack, owned: true);
    }

    // keycloak-js's iframes behave as in a real Pbench deployment only when the dashboard and the
    // broker are different sites: the browser then treats the broker's frames as third-party (and
    // Chromium blocks their cookies), so check-sso makes its prompt=none round trip. The plain
    // dashboard has no iframes; it keeps the same-site loopback name. Every other preset (kc, pbench)
    // drives the keycloak-js dashboard.
    private static string TargetHost(SpecSettings settings) => settings.Dashboard is "plain" or "none" ? "127.0.0.1" : "localhost";

    /// <summary>A run against a stack the caller started (and stops): journal, keys and rotation in-process.</summary>
    public static SpecTarget From(StandInStack stack, bool owned = false)
    {
        ArgumentNullException.ThrowIfNull(stack);
        return new SpecTarget
        {
            TargetUrl = stack.TargetUrl,
            RealmUrl = stack.RealmUrl,
            Journal = new InProcessJournal(stack.Journal),
            BrokerKeys = new InProcessBrokerKeys(() => stack.Broker.SigningKey(), () => stack.Broker.RotateSigningKey(), () => stack.Broker.RestoreSigningKey()),
            Owned = owned ? stack : null,
            Description = "embedded",
        };
    }
}
