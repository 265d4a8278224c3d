using PbenchAuthSpec.MockBroker;
using PbenchAuthSpec.MockIdp;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.ReferenceServer;

namespace PbenchAuthSpec.StandIns;

/// <summary>
/// MockIdp, MockBroker and ReferenceServer wired together on loopback with one journal, one
/// clock and one set of URLs: the embedded target of <c>run</c> and what <c>serve</c> keeps up.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A stack of servers, not a LIFO collection.")]
public sealed class StandInStack : IAsyncDisposable
{
    public const string BrokerDefectPrefix = "broker-";

    private readonly ReferenceServerHost? _target;

    private readonly MockIdpServer? _idp;

    private StandInStack(MockIdpServer? idp, MockBrokerServer broker, ReferenceServerHost? target, Journal journal, StackUrls urls)
    {
        _idp = idp;
        Broker = broker;
        _target = target;
        Journal = journal;
        Urls = urls;
    }

    public MockIdpServer Idp => _idp ?? throw new InvalidOperationException($"this stack brokers another identity provider ({IdpUrl ?? "literal URLs in the broker fixture"}); MockIdp was not started.");

    /// <summary>Whether MockIdp runs in this stack (not when the broker brokers an identity provider that was already running).</summary>
    public bool StartedMockIdp => _idp is not null;

    /// <summary>What <c>{idp}</c> resolves to: MockIdp's URL, or <see cref="StandInStackOptions.IdpIssuer"/>; null when neither.</summary>
    public string? IdpUrl => Urls.Get("idp");

    public MockBrokerServer Broker { get; }

    public ReferenceServerHost Target => _target ?? throw new InvalidOperationException($"this stack was started without a ReferenceServer ({nameof(StandInStackOptions.StartTarget)} = false, or a {nameof(StandInStackOptions.TargetUrl)} of its own).");

    /// <summary>Whether this stack runs ReferenceServer (not for a target it did not start).</summary>
    public bool StartedTarget => _target is not null;

    public Journal Journal { get; }

    public StackUrls Urls { get; }

    /// <summary>The target's base URL (under <see cref="StandInStackOptions.TargetHost"/>, or <see cref="StandInStackOptions.TargetUrl"/>): what the broker registers as <c>{target}</c>.</summary>
    public string TargetUrl => Urls.Get("target") ?? Target.BaseUrl;

    public string RealmUrl => Broker.RealmUrl();

    public static async Task<StandInStack> StartAsync(StandInStackOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new StandInStackOptions();
        if (options.TargetHost is not ("127.0.0.1" or "localhost"))
        {
            throw new ArgumentException($"TargetHost {options.TargetHost}: the stand-ins bind 127.0.0.1, which only 127.0.0.1 and localhost reach.", nameof(options));
        }

        var foreignTarget = options.TargetUrl is { } url ? ForeignTarget.Parse(url) : null;
        foreignTarget?.RequireNotOn(("MockIdp", options.IdpPort), ("MockBroker", options.BrokerPort));

        var journal = new Journal();
        var urls = new StackUrls();
        var brokerFaults = options.Defects.Where(IsBrokerDefect).Select(d => d[BrokerDefectPrefix.Length..]).ToList();
        var targetDefects = options.Defects.Where(d => !IsBrokerDefect(d)).ToList();

        // Placeholders resolve at request time, so the order only matters for failure clean-up.
        MockIdpServer? idp = null;
        MockBrokerServer? broker = null;
        try
        {
            var brokerFixture = options.BrokerFixture ?? options.FixtureFile("broker.json");
            if (options.IdpIssuer is { } issuer)
            {
                urls.Set("idp", issuer);
            }
            else if (MockBrokerServer.FixtureNeeds(brokerFixture, "idp"))
            {
                idp = await MockIdpServer.StartAsync(
                    new MockIdpOptions
                    {
                        Urls = Loopback(options.IdpPort), FixtureFile = options.FixtureFile("idp.json"), MappingFiles = options.MappingFiles,
                        Journal = journal, Stack = urls, Clock = options.Clock, Logging = options.Logging, AllowedHosts = options.AllowedHosts,
                    },
                    cancellationToken);
            }

            broker = await MockBrokerServer.StartAsync(
                new MockBrokerOptions
                {
                    Urls = Loopback(options.BrokerPort), FixtureFile = brokerFixture, MappingFiles = options.MappingFiles, KeycloakVersion = options.KeycloakVersion,
                    Journal = journal, Stack = urls, Clock = options.Clock, Faults = brokerFaults, Logging = options.Logging, Foreign = options.ForeignBroker, AllowedHosts = options.AllowedHosts,
                },
                cancellationToken);
            if (foreignTarget is not null)
            {
                foreignTarget.RequireNotOn(("MockIdp", idp?.Host.Port ?? 0), ("MockBroker", broker.Host.Port));
                urls.Set("target", foreignTarget.Origin);
            }

            var target = !options.StartTarget || foreignTarget is not null ? null : await ReferenceServerHost.StartAsync(
                new ReferenceServerOptions
                {
                    Urls = Loopback(options.TargetPort),
                    BrokerUrl = broker.BaseUrl,
                    Profile = options.Profile,
                    Defects = targetDefects,
                    Journal = options.ForeignBroker ? new Journal() : journal,
                    Stack = urls,
                    Clock = options.Clock,
                    Logging = options.Logging,
                    AllowedHosts = options.AllowedHosts,
                    SeedFile = options.FixtureFile("reference-server.json"),
                },
                cancellationToken);
            if (target is not null)
            {
                urls.Set("target", $"http://{options.TargetHost}:{target.Host.Port}");
            }
            return new StandInStack(idp, broker, target, journal, urls);
        }
        catch
        {
            if (broker is not null)
            {
                await broker.DisposeAsync();
            }

            if (idp is not null)
            {
                await idp.DisposeAsync();
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_target is not null)
        {
            await _target.DisposeAsync();
        }

        await Broker.DisposeAsync();
        if (_idp is not null)
        {
            await _idp.DisposeAsync();
        }
    }

    private static bool IsBrokerDefect(string name) => name.StartsWith(BrokerDefectPrefix, StringComparison.Ordinal);

    /// <summary>The identity providers the broker's realm federates, with the redirect URI each must register.</summary>
    public IReadOnlyList<BrokeredProvider> IdentityProviders(string realm = "pbench-server") => Broker.IdentityProviders(realm);

    private static string Loopback(int port) => $"http://127.0.0.1:{port}";
}
