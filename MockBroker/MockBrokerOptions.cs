using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker;

/// <summary>How a MockBroker starts. Immutable; every setting has a working default.</summary>
public sealed record MockBrokerOptions
{
    /// <summary>Loopback only; port 0 picks a free port; <c>https://</c> with a <see cref="Certificate"/>.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:0";

    /// <summary>The realms, clients, users and identity providers; default <c>fixtures/broker.json</c>.</summary>
    public string? FixtureFile { get; init; }

    /// <summary>Shared with the other stand-ins for one time-ordered journal; a fresh one when null.</summary>
    public Journal? Journal { get; init; }

    /// <summary>Where <c>{idp}</c> and <c>{target}</c> resolve; the broker registers itself as <c>broker</c>.</summary>
    public StackUrls Stack { get; init; } = new();

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>WireMock-style fault mapping files (or folders of them) loaded at start.</summary>
    public IReadOnlyList<string> MappingFiles { get; init; } = [];

    /// <summary>Broker misbehaviour switched on at start (names in <see cref="BrokerFaults"/>).</summary>
    public IReadOnlyCollection<string> Faults { get; init; } = [];

    /// <summary>Overrides the fixture's <c>keycloakVersion</c>; 24 and older add the <c>session_state</c> claim.</summary>
    public int? KeycloakVersion { get; init; }

    /// <summary>Host names answered besides the loopback ones (<see cref="StandInHostOptions.AllowedHosts"/>); others get 421.</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    public bool Logging { get; init; }

    /// <summary>
    /// Play a Keycloak the harness does not own (<c>--foreign</c>): every <c>/__admin</c> path is a
    /// 404 (no journal, no mappings, no test hooks), each realm signs with a key made at start
    /// rather than its fixture key, and the journal records nothing. Keycloak's own admin REST API
    /// stays.
    /// </summary>
    public bool Foreign { get; init; }

    /// <summary>Serve https (loopback only) with this certificate; <see cref="Hosting.LoopbackCertificate"/> makes one.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? Certificate { get; init; }
}
