using PbenchAuthSpec.ReferenceServer.Api;
using PbenchAuthSpec.ReferenceServer.Auth;
using PbenchAuthSpec.ReferenceServer.Data;

namespace PbenchAuthSpec.ReferenceServer;

/// <summary>What every endpoint of one server shares.</summary>
internal sealed record ServerServices(
    ReferenceServerOptions Options,
    DefectSet Defects,
    ServerStore Store,
    UserRegistry Users,
    BrokerKeys Keys,
    Authenticator Auth,
    AccessGate Gate)
{
    /// <summary>The broker base URL (Pbench <c>[openid] server_url</c>), resolved at request time.</summary>
    public string? BrokerUrl => ResolveBrokerUrl(Options);

    public static string? ResolveBrokerUrl(ReferenceServerOptions options) =>
        (options.BrokerUrl is { } configured ? options.Stack.Resolve(configured) : options.Stack.Get("broker"))?.TrimEnd('/');
}
