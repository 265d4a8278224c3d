using PbenchAuthSpec.MockBroker;
using PbenchAuthSpec.MockIdp;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.SelfTests.MockBroker.Support;

/// <summary>The real MockIdp and MockBroker wired together (one journal, one StackUrls), for end-to-end tests.</summary>
internal sealed class RealStack : IAsyncDisposable
{
    private RealStack(StackUrls stack, Journal journal, MockIdpServer idp, MockBrokerServer broker)
    {
        Stack = stack;
        Journal = journal;
        Idp = idp;
        Broker = broker;
    }

    public StackUrls Stack { get; }

    public Journal Journal { get; }

    public MockIdpServer Idp { get; }

    public MockBrokerServer Broker { get; }

    /// <summary>Starts both; <paramref name="target"/> is what <c>{target}</c> resolves to (null: set later, e.g. by a dashboard host).</summary>
    public static async Task<RealStack> StartAsync(string? target, Func<MockBrokerOptions, MockBrokerOptions>? configure = null)
    {
        var stack = new StackUrls();
        if (target is not null)
        {
            stack.Set("target", target);
        }

        var journal = new Journal();
        var idp = await MockIdpServer.StartAsync(new MockIdpOptions { Stack = stack, Journal = journal });
        try
        {
            var options = new MockBrokerOptions { Stack = stack, Journal = journal };
            return new RealStack(stack, journal, idp, await MockBrokerServer.StartAsync(configure is null ? options : configure(options)));
        }
        catch
        {
            await idp.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Broker.DisposeAsync();
        await Idp.DisposeAsync();
    }
}
