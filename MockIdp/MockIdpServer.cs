using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockIdp;

/// <summary>
/// The stand-in upstream OpenID Connect identity provider, on loopback.
/// <code>await using var idp = await MockIdpServer.StartAsync(new MockIdpOptions { Stack = stack });</code>
/// </summary>
public sealed class MockIdpServer : IAsyncDisposable
{
    /// <summary>How often expired sign-ins, codes and revocations are dropped (by the injected clock).</summary>
    public static readonly TimeSpan PurgeInterval = TimeSpan.FromSeconds(30);

    private readonly ITimer _purge;

    private MockIdpServer(StandInHost host, IdpRuntime runtime)
    {
        Host = host;
        _purge = runtime.Clock.CreateTimer(_ => runtime.Purge(), null, PurgeInterval, PurgeInterval);
    }

    /// <summary>The issuer: the bound base URL without a trailing slash.</summary>
    public string BaseUrl => Host.BaseUrl;

    /// <summary>The host: request journal and fault mappings.</summary>
    public StandInHost Host { get; }

    public static async Task<MockIdpServer> StartAsync(MockIdpOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new MockIdpOptions();
        var fixture = options.FixtureFile ?? FixturePaths.File("idp.json");
        var runtime = new IdpRuntime(IdpConfiguration.Load(fixture, options.RedirectStatus), options.Stack, options.Clock);
        var hostOptions = new StandInHostOptions
        {
            Name = "idp",
            Urls = options.Urls,
            Journal = options.Journal,
            MappingFiles = options.MappingFiles,
            Logging = options.Logging,
            Clock = options.Clock,
            AllowedHosts = options.AllowedHosts,
        };
        var host = await StandInHost.StartAsync(hostOptions, (app, host) => Map(app, host, runtime), cancellationToken: cancellationToken);
        options.Stack.Set("idp", host.BaseUrl);
        return new MockIdpServer(host, runtime);
    }

    public async ValueTask DisposeAsync()
    {
        await _purge.DisposeAsync();
        await Host.DisposeAsync();
    }

    private static void Map(WebApplication app, StandInHost host, IdpRuntime runtime)
    {
        runtime.Attach(host);
        var responder = new AuthorizationResponder(runtime);
        var flow = new SignInFlow(runtime, responder);
        var authorization = new AuthorizationEndpoint(runtime, flow, responder);
        var login = new LoginEndpoint(runtime, flow);
        var consent = new ConsentEndpoint(runtime, flow);
        var token = new TokenEndpoint(runtime, new TokenFactory(runtime));
        var userinfo = new UserInfoEndpoint(runtime);

        app.Map(IdpEndpoints.DiscoveryPath, context => PublicAsync(context, runtime.Discovery));
        app.Map(IdpEndpoints.JwksPath, context => PublicAsync(context, runtime.Jwks));
        app.Map(IdpEndpoints.AuthorizationPath, authorization.HandleAsync);
        app.Map(IdpEndpoints.LoginPath, login.HandleAsync);
        app.Map(IdpEndpoints.ConsentPath, consent.HandleAsync);
        app.Map(IdpEndpoints.TokenPath, token.HandleAsync);
        app.Map(IdpEndpoints.UserinfoPath, userinfo.HandleAsync);
        app.MapFallback(IdpResponses.NotFoundAsync);
    }

    private static Task PublicAsync(HttpContext context, byte[] body) =>
        HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            ? IdpResponses.PublicJsonAsync(context, body)
            : IdpResponses.MethodNotAllowedAsync(context, "GET, HEAD");
}
