using PbenchAuthSpec.SpecTests.Settings;
using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>The shared pieces of one run: settings, clock, trace log, the harness's HTTP and in-page fetch, the broker's keys.</summary>
public sealed record RunParts
{
    public required SpecSettings Settings { get; init; }

    public required TimeProvider Clock { get; init; }

    public required TraceLog Log { get; init; }

    public required HarnessHttp Http { get; init; }

    public required BrowserFetch Fetch { get; init; }

    /// <summary>The broker's keys when known (in-process MockBroker, or its fixture key); null for a foreign broker.</summary>
    public IBrokerKeys? Keys { get; init; }

    /// <summary>The broker admin account for its admin API, and where it came from; none unless set or the broker is a stand-in.</summary>
    public required BrokerAdminCredentials BrokerAdmin { get; init; }

    /// <summary><c>--broker-admin-changes</c> against a broker whose keys are unknown: what the run may change through its admin API (also <see cref="Keys"/>).</summary>
    public BrokerAdminChanges? AdminChanges { get; init; }

    public string RotationSkip { get; init; } = "the broker's keys are unknown (a foreign broker): its key rotation cannot be triggered from here";
}
