namespace PbenchAuthSpec.StandIns;

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

    /// <summary>The Keycloak line MockBroker answers as (token shapes, where <c>nonce</c> goes); null: the fixture's <c>keycloakVersion</c>.</summary>
    public int? KeycloakVersion { get; init; }

    /// <summary>
    /// Another broker fixture than <c>fixtures/broker.json</c> (e.g. a client with the nonce-backwards-compatible
    /// mapper), before <see cref="FixturesDirectory"/>'s. MockIdp starts when it names <c>{idp}</c> or has no identity providers (one to provision).
    /// </summary>
    public string? BrokerFixture { get; init; }

    /// <summary>
    /// The issuer of an identity provider that is already running: MockIdp is not started and
    /// <c>{idp}</c> in the broker fixture resolves to this URL instead.
    /// </summary>
    public string? IdpIssuer { get; init; }

    /// <summary>
    /// MockBroker in its foreign mode (a Keycloak the harness does not own: no <c>/__admin</c>, a key
    /// made at start, no journal), and the target's journal its own, so the run sees what it would
    /// see of a real broker: only the IdP's journal covers the federation.
    /// </summary>
    public bool ForeignBroker { get; init; }

    /// <summary>Host names every server answers besides its loopback ones (<c>--allowed-host</c>); others get 421.</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>False: MockIdp and MockBroker only, <c>{target}</c> left for the caller to set (a dashboard of its own).</summary>
    public bool StartTarget { get; init; } = true;

    /// <summary>
    /// A target the stack does not start (a real Pbench server): MockIdp and MockBroker only, and
    /// <c>{target}</c> resolves to this origin, so the realm registers <c>{URL}/dashboard/*</c> as
    /// redirect URIs and the URL as web origin of <c>pbench-client</c>.
    /// </summary>
    public string? TargetUrl { get; init; }

    /// <summary>A copy of <c>fixtures/</c> to start from (its <c>idp.json</c>, <c>broker.json</c>, <c>reference-server.json</c>); null: the repository's.</summary>
    public string? FixturesDirectory { get; init; }

    /// <summary>WireMock-format fault mapping files (or folders of them), loaded into MockIdp and MockBroker at start.</summary>
    public IReadOnlyList<string> MappingFiles { get; init; } = [];

    /// <summary>A fixture file from <see cref="FixturesDirectory"/>, or null for the server's default.</summary>
    public string? FixtureFile(string name) => FixturesDirectory is null ? null : Path.Combine(FixturesDirectory, name);
}
