using System.Text.Json.Serialization;

namespace PbenchAuthSpec.SpecTests.Settings;

/// <summary>
/// Everything a conformance run needs, with defaults for the embedded run. Bound from
/// playwright.config.json, then <c>PBENCH_AUTH_SPEC_*</c> environment variables (which
/// <c>./pbench-auth-spec run</c> flags become), then validated by <see cref="SpecSettingsValidator"/>.
/// </summary>
public sealed record SpecSettings
{
    public const string Embedded = "embedded";

    [JsonPropertyName("browser")]
    public BrowserSettings Browser { get; init; } = new();

    [JsonPropertyName("timeouts")]
    public TimeoutSettings Timeouts { get; init; } = new();

    /// <summary>Playwright tracing: <c>retain-on-failure</c> (trace.zip kept when a check failed), <c>on</c>, <c>off</c>.</summary>
    [JsonPropertyName("trace")]
    public string Trace { get; init; } = "retain-on-failure";

    /// <summary><c>embedded</c> (stand-ins in-process) or the target's base URL.</summary>
    [JsonPropertyName("target")]
    public string Target { get; init; } = Embedded;

    /// <summary>The realm URL the target trusts (<c>{server}/realms/{realm}</c>); required with an external target.</summary>
    [JsonPropertyName("broker")]
    public string? Broker { get; init; }

    /// <summary>
    /// Embedded only: the issuer of an OpenID provider that is already running, which the embedded
    /// MockBroker brokers instead of starting MockIdp (<c>{idp}</c> in the broker fixture resolves to it).
    /// </summary>
    [JsonPropertyName("idp")]
    public string? Idp { get; init; }

    /// <summary>Embedded only: fixed ports for the stand-ins.</summary>
    [JsonPropertyName("ports")]
    public StandInPorts Ports { get; init; } = new();

    [JsonPropertyName("profile")]
    public string Profile { get; init; } = "pbench";

    /// <summary>The target catalogue; by default fixtures/targets/reference-server.json when embedded, pbench.json otherwise.</summary>
    [JsonPropertyName("catalogue")]
    public string? Catalogue { get; init; }

    /// <summary>A preset of <see cref="Dashboards"/> (<c>plain</c>, <c>kc</c>, <c>pbench</c>...), or <c>none</c> for protocol mode.</summary>
    [JsonPropertyName("dashboard")]
    public string Dashboard { get; init; } = "plain";

    [JsonPropertyName("dashboards")]
    public IReadOnlyDictionary<string, DashboardSelectors> Dashboards { get; init; } = new Dictionary<string, DashboardSelectors>
    {
        ["plain"] = DashboardSelectors.Plain,
        ["kc"] = DashboardSelectors.Kc,
        ["pbench"] = DashboardSelectors.Pbench,
    };

    [JsonPropertyName("protocolMode")]
    public ProtocolModeSettings ProtocolMode { get; init; } = new();

    [JsonPropertyName("idpPage")]
    public IdpPageSelectors IdpPage { get; init; } = new();

    [JsonPropertyName("brokerPage")]
    public BrokerPageSelectors BrokerPage { get; init; } = new();

    [JsonPropertyName("users")]
    public UserSettings Users { get; init; } = new();

    [JsonPropertyName("artifacts")]
    public string Artifacts { get; init; } = "artifacts";

    /// <summary>The folder this run writes to; by default a fresh one under <see cref="Artifacts"/>.</summary>
    [JsonPropertyName("runDirectory")]
    public string? RunDirectory { get; init; }

    /// <summary>Warnings fail the run.</summary>
    [JsonPropertyName("strict")]
    public bool Strict { get; init; }

    /// <summary>A file of check ids the target is known to fail (<c>--known-failures</c>): listed failures show as KNOWN and do not fail the run.</summary>
    [JsonPropertyName("knownFailures")]
    public string? KnownFailures { get; init; }

    /// <summary>Where to write this run's failing check ids as a starting known-failures list (<c>--write-known-failures</c>).</summary>
    [JsonPropertyName("writeKnownFailures")]
    public string? WriteKnownFailures { get; init; }

    /// <summary>
    /// <c>--broker-admin-changes</c>: through the broker's admin API (broker admin credentials
    /// needed), a temporary client with a short token lifespan, an ADMIN role of that client for the
    /// other user, and a new key provider recover the checks a foreign broker hides; all undone.
    /// </summary>
    [JsonPropertyName("brokerAdminChanges")]
    public bool BrokerAdminChanges { get; init; }

    /// <summary><c>--wait-for-expiry</c>: the expired case from a real token, waiting past its exp plus the target's leeway (bounded).</summary>
    [JsonPropertyName("waitForExpiry")]
    public bool WaitForExpiry { get; init; }

    /// <summary>Stop after this step, dump state.json, and with a headed browser wait for the person.</summary>
    [JsonPropertyName("untilStep")]
    public int? UntilStep { get; init; }

    /// <summary>The Keycloak line the embedded MockBroker answers as (token shapes, where <c>nonce</c> goes); null: its fixture's (26).</summary>
    [JsonPropertyName("keycloakVersion")]
    public int? KeycloakVersion { get; init; }

    /// <summary>ReferenceServer defects to switch on (embedded only).</summary>
    [JsonPropertyName("defects")]
    public IReadOnlyList<string> Defects { get; init; } = [];

    /// <summary>Catalogue variables (<c>{name}</c> in paths) set from outside, e.g. a dataset id on a real server.</summary>
    [JsonPropertyName("variables")]
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    [JsonIgnore]
    public bool IsEmbedded => string.Equals(Target, Embedded, StringComparison.OrdinalIgnoreCase);

    [JsonIgnore]
    public bool ProtocolModeOn => Dashboard == "none";

    [JsonIgnore]
    public DashboardSelectors? DashboardPage => Dashboards.GetValueOrDefault(Dashboard);
}
