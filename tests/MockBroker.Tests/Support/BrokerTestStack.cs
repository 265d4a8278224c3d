using Microsoft.Extensions.Time.Testing;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Tests.Support;

/// <summary>
/// A fake upstream IdP and a MockBroker on one journal, one <see cref="StackUrls"/> and one fake
/// clock. The dashboard is a name only (<see cref="Target"/>): these tests read redirects, they never follow the last one.
/// </summary>
internal sealed class BrokerTestStack : IAsyncDisposable
{
    /// <summary>A reserved, never-resolvable origin standing for the dashboard in registered URIs.</summary>
    public const string Target = "http://dashboard.invalid";

    private BrokerTestStack(FakeTimeProvider clock, Journal journal, StackUrls stack, FakeIdp idp, MockBrokerServer broker)
    {
        Clock = clock;
        Journal = journal;
        Stack = stack;
        Idp = idp;
        Broker = broker;
    }

    public FakeTimeProvider Clock { get; }

    public Journal Journal { get; }

    public StackUrls Stack { get; }

    public FakeIdp Idp { get; }

    public MockBrokerServer Broker { get; }

    public string RealmUrl => Broker.RealmUrl();

    public string TokenUrl => $"{RealmUrl}/protocol/openid-connect/token";

    public static async Task<BrokerTestStack> StartAsync(Func<MockBrokerOptions, MockBrokerOptions>? configure = null)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero));
        var journal = new Journal();
        var stack = new StackUrls();
        stack.Set("target", Target);
        var idp = await FakeIdp.StartAsync(stack, clock, journal);
        try
        {
            var options = new MockBrokerOptions { Stack = stack, Clock = clock, Journal = journal };
            var broker = await MockBrokerServer.StartAsync(configure is null ? options : configure(options));
            return new BrokerTestStack(clock, journal, stack, idp, broker);
        }
        catch
        {
            await idp.DisposeAsync();
            throw;
        }
    }

    public BrokerBrowser NewBrowser() => new(this);

    public async ValueTask DisposeAsync()
    {
        await Broker.DisposeAsync();
        await Idp.DisposeAsync();
    }
}
