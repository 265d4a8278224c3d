using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>The broker's signing keys when the harness knows them (MockBroker), for forging tokens and rotating.</summary>
public interface IBrokerKeys
{
    SigningKey Active { get; }

    /// <summary>Why rotation is not possible, or null when it is.</summary>
    string? CannotRotate { get; }

    /// <summary>Makes a new key active (the old one stays published) and returns it.</summary>
    SigningKey Rotate();
}
