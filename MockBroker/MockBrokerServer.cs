using PbenchAuthSpec.MockBroker.Endpoints;
using PbenchAuthSpec.MockBroker.Fixtures;
using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker;

/// <summary>
/// A Keycloak-compatible identity broker on loopback that federates an upstream OIDC IdP.
/// <code>await using var broker = await MockBrokerServer.StartAsync(new MockBrokerOptions { Stack = stack });</code>
/// </summary>
public sealed class MockBrokerServer : IAsyncDisposable
{
    private readonly BrokerContext _context;

    private MockBrokerServer(StandInHost host, BrokerContext context)
    {
        Host = host;
        _context = context;
    }

    /// <summary>The bound base URL, no trailing slash; the stack knows it as <c>broker</c>.</summary>
    public string BaseUrl => Host.BaseUrl;

    public StandInHost Host { get; }

    /// <summary>The TLS certificate when the broker serves https, for clients to trust.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? Certificate => _context.Options.Certificate;

    /// <summary>The live set of faults (names in <see cref="BrokerFaults"/>); adding an unknown name throws.</summary>
    public ISet<string> Faults => _context.Faults;

    public static async Task<MockBrokerServer> StartAsync(MockBrokerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new MockBrokerOptions();
        var fixtureFile = Path.GetFullPath(options.FixtureFile ?? FixturePaths.File("broker.json"));
        var fixture = FixtureLoader.Load(fixtureFile);
        if (options.KeycloakVersion is < 1 or > 99)
        {
            throw new ArgumentException($"KeycloakVersion {options.KeycloakVersion} is not a Keycloak major version (e.g. 24 or 26).", nameof(options));
        }

        var faults = new FaultSet();
        faults.UnionWith(options.Faults);
        var journal = options.Journal ?? new Journal();
        var context = new BrokerContext(options, fixture, Path.GetDirectoryName(fixtureFile)!, faults, journal);
        var host = await StandInHost.StartAsync(
            new StandInHostOptions { Name = "broker", Urls = options.Urls, Journal = journal, JournalEnabled = !options.Foreign, MappingFiles = options.MappingFiles, Logging = options.Logging, Clock = options.Clock, Certificate = options.Certificate, AllowedHosts = options.AllowedHosts },
            (app, _) => BrokerEndpoints.Map(app, context),
            cancellationToken: cancellationToken);
        try
        {
            context.Initialize(host.BaseUrl);
        }
        catch
        {
            await host.DisposeAsync();
            context.Dispose();
            throw;
        }

        options.Stack.Set("broker", host.BaseUrl);
        return new MockBrokerServer(host, context);
    }

    /// <summary>The realms as they are now (the admin API adds and removes them).</summary>
    public IReadOnlyList<string> RealmNames => _context.Realms.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary><c>{BaseUrl}/realms/{realm}</c>, the realm's issuer.</summary>
    public string RealmUrl(string realm = "pbench-server") => $"{BaseUrl}/realms/{realm}";

    /// <summary>The identity providers of the realm as they stand now (the admin API may have changed them).</summary>
    public IReadOnlyList<BrokeredProvider> IdentityProviders(string realm = "pbench-server")
    {
        var r = RealmOf(realm);
        return r.IdentityProviders.Values.Select(p => new OidcProviderSettings(p))
            .Select(p => new BrokeredProvider(realm, p.Alias, p.Issuer is { } issuer ? _context.Stack.Resolve(issuer) : null, p.ClientId, r.Urls.BrokerEndpoint(p.Alias)))
            .ToList();
    }

    /// <summary>
    /// Whether the stack must start the stand-in <c>{placeholder}</c> names for a broker fixture:
    /// an identity provider names it in its issuer or endpoint URLs, or the fixture has no
    /// identity providers at all (a broker to provision through the admin API, whose providers may
    /// point at the stand-in). False for a fixture whose providers all have literal URLs.
    /// </summary>
    public static bool FixtureNeeds(string? fixtureFile, string placeholder)
    {
        var fixture = FixtureLoader.Load(Path.GetFullPath(fixtureFile ?? FixturePaths.File("broker.json")));
        var providers = fixture.Realms.SelectMany(r => r.IdentityProviders).ToList();
        string[] keys = ["issuer", "authorizationUrl", "tokenUrl", "userInfoUrl", "jwksUrl"];
        return providers.Count == 0 || providers.SelectMany(p => keys.Select(k => p.Config.GetValueOrDefault(k) ?? ""))
            .Any(url => url.Contains("{" + placeholder + "}", StringComparison.Ordinal));
    }

    /// <summary>The realm's active signing key (the one its <c>public_key</c> shows).</summary>
    public SigningKey SigningKey(string realm = "pbench-server") => RealmOf(realm).Keys.ActiveKey;

    /// <summary>A new key signs from now on; the old one stays in the JWKS for <see cref="Keys.RealmKeys.RotationGrace"/>.</summary>
    public void RotateSigningKey(string realm = "pbench-server") => RealmOf(realm).Keys.Rotate();

    /// <summary>The realm's original key signs again and the rotated ones are dropped; false when it was not rotated.</summary>
    public bool RestoreSigningKey(string realm = "pbench-server") => RealmOf(realm).Keys.Restore();

    /// <summary>Changes the realm's access token lifespan, refresh (SSO idle) lifespan and code lifespan.</summary>
    public void SetLifetimes(string realm, TimeSpan? accessToken = null, TimeSpan? refreshToken = null, TimeSpan? code = null) =>
        RealmOf(realm).SetLifetimes(accessToken, refreshToken, code);

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        _context.Dispose();
    }

    private Realm RealmOf(string realm) =>
        _context.Realm(realm) ?? throw new ArgumentException($"realm '{realm}' is not in the fixture (known: {string.Join(", ", _context.Realms.Keys)}).", nameof(realm));
}
