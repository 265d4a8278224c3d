namespace PbenchAuthSpec.Cli;

/// <summary>How the stand-in stack starts. Ports 0 pick free ports.</summary>
public sealed record StandInStackOptions
{
    /// <summary>Defect catalogue names: <c>broker-*</c> go to MockBroker as faults, the rest to ReferenceServer.</summary>
    public IReadOnlyCollection<string> Defects { get; init; } = [];

    public string Profile { get; init; } = "pbench";

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public int IdpPort { get; init; }

    public int BrokerPort { get; init; }

    public int TargetPort { get; init; }

    /// <summary>
    /// The host name the browser, the broker and the harness use for the target. Every server binds
    /// 127.0.0.1 either way; <c>localhost</c> puts the dashboard on another site than the broker and
    /// the IdP (both <c>127.0.0.1</c>), so the broker's iframes are third-party, as in a real deployment.
    /// </summary>
    public string TargetHost { get; init; } = "127.0.0.1";

    public bool Logging { get; init; }

    /// <summary>MockBroker's fixture; null: <c>fixtures/broker.json</c>.</summary>
    public string? BrokerFixtureFile { get; init; }

    /// <summary>False: MockIdp and MockBroker only, <c>{target}</c> left for the caller to set (a dashboard of its own).</summary>
    public bool StartTarget { get; init; } = true;
}
