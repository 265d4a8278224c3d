using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>An in-process MockBroker's keys: read, rotated and restored through its API.</summary>
public sealed class InProcessBrokerKeys(Func<SigningKey> active, Action rotate, Func<bool> restore) : IBrokerKeys
{
    public SigningKey? Active => active();

    public string? CannotRotate => null;

    public string RestoreHint => "restart the stand-ins (the embedded broker lives only as long as the run)";

    public Task<SigningKey?> RotateAsync(CancellationToken cancellationToken)
    {
        rotate();
        return Task.FromResult<SigningKey?>(active());
    }

    public Task<bool> RestoreAsync(CancellationToken cancellationToken) => Task.FromResult(restore());
}
