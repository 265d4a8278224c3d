using PbenchAuthSpec.SpecTests.Settings;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>Starts the embedded stand-ins (MockIdp, MockBroker, ReferenceServer) for a run that is given none.</summary>
public static class EmbeddedTarget
{
    public static Task<SpecTarget> StartAsync(SpecSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        cancellationToken.ThrowIfCancellationRequested();
        // Filled in when Cli/StandInStack lands on main; until then the embedded run says so plainly.
        throw new SpecRunException("the embedded stand-ins (MockIdp, MockBroker, ReferenceServer) are not built yet: run with --target URL --broker REALM_URL.");
    }
}
