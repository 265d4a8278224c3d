using PbenchAuthSpec.MockBroker.Fixtures;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Hosting;

/// <summary>What every endpoint of one MockBroker shares: options, realms, faults, clock and the back channel.</summary>
internal sealed class BrokerContext : IDisposable
{
    private readonly Lazy<TokenSigner> _unpublished = new(() => TokenSigner.Rs256(SigningKey.Generate(kid: "unpublished-" + Guid.NewGuid().ToString("N"))));
    private readonly Lock _realmsGate = new();
    private IReadOnlyDictionary<string, Realm> _realms = new Dictionary<string, Realm>();
    private string _baseUrl = "";

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
    public void Initialize(string baseUrl)
    {
        _baseUrl = baseUrl;
        Volatile.Write(ref _realms, Fixture.Realms.ToDictionary(r => r.Realm, NewRealm, StringComparer.Ordinal));
    }

    public Realm NewRealm(RealmFixture fixture) => new(Foreign ? fixture with { SigningKey = null } : fixture, FixtureDirectory, _baseUrl, Clock, KeycloakVersion);

    /// <summary><see cref="MockBrokerOptions.Foreign"/>: a broker whose key and hooks the harness does not know.</summary>
    public bool Foreign => Options.Foreign;

    /// <summary>Adds a realm (Keycloak's <c>POST /admin/realms</c>); false when the name is taken.</summary>
    public bool TryAddRealm(Realm realm)
    {
        lock (_realmsGate)
        {
            if (_realms.ContainsKey(realm.Name))
            {
                return false;
            }

            Volatile.Write(ref _realms, new Dictionary<string, Realm>(_realms, StringComparer.Ordinal) { [realm.Name] = realm });
            return true;
        }
    }

    public bool RemoveRealm(string name)
    {
        lock (_realmsGate)
        {
            var next = new Dictionary<string, Realm>(_realms, StringComparer.Ordinal);
            if (!next.Remove(name))
            {
                return false;
            }

            Volatile.Write(ref _realms, next);
            return true;
        }
    }

    public Realm? Realm(string name) => Realms.GetValueOrDefault(name);

    /// <summary>A fault applies to every realm but <c>master</c>, whose tokens only serve the admin API.</summary>
    public bool Fault(Realm realm, string fault) => !realm.IsMaster && Faults.Contains(fault);

    /// <summary>The <c>iss</c> the realm puts in tokens and authorization responses.</summary>
    public string IssuerFor(Realm realm) =>
        Fault(realm, BrokerFaults.WrongIss) ? realm.Urls.Issuer.Replace("/realms/", "/realms/wrong-", StringComparison.Ordinal) : realm.Urls.Issuer;

    public TokenSigner SignerFor(Realm realm) => Fault(realm, BrokerFaults.UnknownKid) ? _unpublished.Value : realm.Keys.Active;

    public void Dispose() => BackChannel.Dispose();
}
