using PbenchAuthSpec.Cli;
using PbenchAuthSpec.SpecTests.Settings;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>Starts the embedded stand-ins (MockIdp, MockBroker, ReferenceServer) for a run that is given none.</summary>
public static class EmbeddedTarget
{
    /// <summary>The broker's client at MockIdp (fixtures/idp.json), which step 5 must show.</summary>
    private const string IdpBrokerClientId = "pbench-broker";

    public static async Task<SpecTarget> StartAsync(SpecSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var stack = await StandInStack.StartAsync(
            new StandInStackOptions { Defects = settings.Defects, Profile = settings.Profile },
            cancellationToken);
        return FromStack(stack, owned: true);
    }

    /// <summary>A run against a stack the caller started (and stops).</summary>
    public static SpecTarget FromStack(StandInStack stack, bool owned = false)
    {
        ArgumentNullException.ThrowIfNull(stack);
        return new SpecTarget
        {
            TargetUrl = stack.Target.BaseUrl,
            RealmUrl = stack.RealmUrl,
            Journal = new InProcessJournal(stack.Journal),
            BrokerKeys = new InProcessBrokerKeys(() => stack.Broker.SigningKey(), () => stack.Broker.RotateSigningKey()),
            IdpBrokerClientId = IdpBrokerClientId,
            Owned = owned ? stack : null,
            Description = "embedded (MockIdp, MockBroker, ReferenceServer)",
        };
    }
}
