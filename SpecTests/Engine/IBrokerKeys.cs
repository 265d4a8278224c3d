using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>What the harness can do with the broker's signing keys (MockBroker only): forge with the active key, rotate it, restore it.</summary>
public interface IBrokerKeys
{
    /// <summary>The active private key, when the harness knows it; null when it can only rotate.</summary>
    SigningKey? Active { get; }

    /// <summary>Why rotation is not possible, or null when it is.</summary>
    string? CannotRotate { get; }

    /// <summary>Makes a new key active (the old one stays published); returns it when the harness can know it.</summary>
    Task<SigningKey?> RotateAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Makes the broker's original key active again and drops the keys rotations made; true when
    /// something changed (false: it was not rotated). Throws <see cref="InvalidOperationException"/>
    /// with one line saying what failed.
    /// </summary>
    Task<bool> RestoreAsync(CancellationToken cancellationToken);

    /// <summary>How an operator restores the key by hand when the harness could not (shown in the report).</summary>
    string RestoreHint { get; }

    /// <summary>The request that rotated, as the report lists it.</summary>
    string RotationRequest => "the broker's rotation hook";

    /// <summary>What a run found and undid before step 1, when <see cref="RestoreAsync"/> changed something then.</summary>
    string LeftoverWhat => "the realm's signing key was found rotated before the run (an earlier run stopped before restoring it)";
}
