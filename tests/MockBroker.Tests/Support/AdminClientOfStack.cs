namespace PbenchAuthSpec.MockBroker.Tests.Support;

/// <summary>
/// <c>AdminClient.StartAsync(stack)</c> for the broker tests: the admin client itself is shared
/// (tests/TestSupport) and knows only the broker's URL, not this project's test stack.
/// </summary>
internal static class AdminClientOfStack
{
    extension(AdminClient)
    {
        public static Task<AdminClient> StartAsync(BrokerTestStack stack, string username = "kc-admin", string password = "kc-admin-password") =>
            AdminClient.StartAsync(stack.Broker.BaseUrl, username, password);
    }
}
