using PbenchAuthSpec.Cli;
using PbenchAuthSpec.SpecTests.Settings;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>The embedded target: MockIdp, MockBroker and ReferenceServer in-process on free ports (<see cref="StandInStack"/>).</summary>
public static class EmbeddedTarget
{
    public static async Task<SpecTarget> StartAsync(SpecSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var stack = await StandInStack.StartAsync(new StandInStackOptions { Defects = settings.Defects, Profile = settings.Profile }, cancellationToken);
        return From(stack, owned: true);
    }

    /// <summary>A run against a stack the caller started (and stops): journal, keys and rotation in-process.</summary>
    public static SpecTarget From(StandInStack stack, bool owned = false)
    {
        ArgumentNullException.ThrowIfNull(stack);
        return new SpecTarget
        {
            TargetUrl = stack.Target.BaseUrl,
            RealmUrl = stack.RealmUrl,
            Journal = new InProcessJournal(stack.Journal),
            BrokerKeys = new InProcessBrokerKeys(() => stack.Broker.SigningKey(), () => stack.Broker.RotateSigningKey()),
            IdpBrokerClientId = "pbench-broker",
            Owned = owned ? stack : null,
            Description = "embedded",
        };
    }
}
