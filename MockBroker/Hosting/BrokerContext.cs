using PbenchAuthSpec.MockBroker.Fixtures;
using PbenchAuthSpec.MockBroker.Tokens;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Hosting;

/// <summary>What every endpoint of one MockBroker shares: options, realms, faults, clock and the back channel.</summary>
internal sealed class BrokerContext : IDisposable
{
    private readonly Lazy<RsaJwsSigner> _unpublished = new(() => new RsaJwsSigner(SigningKey.Generate(kid: "unpublished-" + Guid.NewGuid().ToString("N"))));
    private IReadOnlyDictionary<string, Realm> _realms = new Dictionary<string, Realm>();

    public BrokerContext(MockBrokerOptions options, BrokerFixture fixture, string fixtureDirectory, FaultSet faults, Journal journal)
    {
        Options = options;
        Fixture = fixture;
        FixtureDirectory = fixtureDirectory;
        Faults = faults;
        Journal = journal;
        KeycloakVersion = options.KeycloakVersion ?? fixture.KeycloakVersion;
        BackChannel = BackChannelJournalHandler.CreateClient(journal, options.Clock);
        Upstream = new UpstreamDirectory(BackChannel, options.Clock);
    }

    public MockBrokerOptions Options { get; }

    public BrokerFixture Fixture { get; }

    public string FixtureDirectory { get; }

    public FaultSet Faults { get; }

    public Journal Journal { get; }

    public int KeycloakVersion { get; }

    public StackUrls Stack => Options.Stack;

    public TimeProvider Clock => Options.Clock;

    public HttpClient BackChannel { get; }

    public UpstreamDirectory Upstream { get; }

    public IReadOnlyDictionary<string, Realm> Realms => Volatile.Read(ref _realms);

    /// <summary>Builds the realms once the bound address (and so every realm URL) is known.</summary>
    public void Initialize(string baseUrl) =>
        Volatile.Write(ref _realms, Fixture.Realms.ToDictionary(r => r.Realm, r => new Realm(r, FixtureDirectory, baseUrl, Clock), StringComparer.Ordinal));

    public Realm? Realm(string name) => Realms.GetValueOrDefault(name);

    /// <summary>A fault applies to every realm but <c>master</c>, whose tokens only serve the admin API.</summary>
    public bool Fault(Realm realm, string fault) => !realm.IsMaster && Faults.Contains(fault);

    /// <summary>The <c>iss</c> the realm puts in tokens and authorization responses.</summary>
    public string IssuerFor(Realm realm) =>
        Fault(realm, BrokerFaults.WrongIss) ? realm.Urls.Issuer.Replace("/realms/", "/realms/wrong-", StringComparison.Ordinal) : realm.Urls.Issuer;

    public RsaJwsSigner SignerFor(Realm realm) => Fault(realm, BrokerFaults.UnknownKid) ? _unpublished.Value : realm.Keys.Active;

    public void Dispose() => BackChannel.Dispose();
}
