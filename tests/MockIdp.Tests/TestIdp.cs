using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockIdp.Tests;

/// <summary>Starts MockIdp with the fixture for a test; the broker's URL is a placeholder nobody connects to unless a test sets a real one.</summary>
public static class TestIdp
{
    public const string BrokerUrl = "http://127.0.0.1:9";
    public const string ClientId = "pbench-broker";
    public const string ClientSecret = "pbench-broker-secret";
    public const string RedirectUri = BrokerUrl + "/realms/pbench-server/broker/mockidp/endpoint";

    public static Task<MockIdpServer> StartAsync(MockIdpOptions? options = null)
    {
        options ??= new MockIdpOptions();
        if (options.Stack.Get("broker") is null)
        {
            options.Stack.Set("broker", BrokerUrl);
        }

        return MockIdpServer.StartAsync(options);
    }

    public static string Fixture(string name) => FixturePaths.File(name);
}
