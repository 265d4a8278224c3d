using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>An in-process MockBroker's keys: read and rotated through its API.</summary>
public sealed class InProcessBrokerKeys(Func<SigningKey> active, Action rotate) : IBrokerKeys
{
    public SigningKey? Active => active();

    public string? CannotRotate => null;

    public Task<SigningKey?> RotateAsync(CancellationToken cancellationToken)
    {
        rotate();
        return Task.FromResult<SigningKey?>(active());
    }
}
