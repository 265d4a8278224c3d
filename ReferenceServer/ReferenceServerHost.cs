using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.ReferenceServer.Api;
using PbenchAuthSpec.ReferenceServer.Auth;
using PbenchAuthSpec.ReferenceServer.Dashboard;
using PbenchAuthSpec.ReferenceServer.DashboardKc;
using PbenchAuthSpec.ReferenceServer.Data;

namespace PbenchAuthSpec.ReferenceServer;

/// <summary>
/// A conforming stand-in Pbench server and dashboard, with switchable defects.
/// <code>await using var target = await ReferenceServerHost.StartAsync(new() { BrokerUrl = broker.BaseUrl });</code>
/// </summary>
public sealed class ReferenceServerHost : IAsyncDisposable
{
    public const string PbenchProfile = "pbench";
    public const string DiagramProfile = "diagram";

    private readonly BrokerKeys _keys;

    private ReferenceServerHost(StandInHost host, BrokerKeys keys)
    {
        Host = host;
        _keys = keys;
    }

    /// <summary>The bound base URL, no trailing slash; also the stack's <c>target</c>.</summary>
    public string BaseUrl => Host.BaseUrl;

    public StandInHost Host { get; }

    public static async Task<ReferenceServerHost> StartAsync(ReferenceServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ReferenceServerOptions();
        Validate(options);
        var defects = new DefectSet(options.Defects);
        var store = new ServerStore(SeedData.Load(options.SeedFile), options.Clock);
        var users = new UserRegistry(store.SeedUsers);
        var keys = new BrokerKeys(() => ServerServices.ResolveBrokerUrl(options), options.Realm, options.Clock, readOnce: defects.Has(DefectNames.KeyReadOnce));
        var auth = new Authenticator(new TokenValidator(keys, options, defects), store, users, options, defects);
        var services = new ServerServices(options, defects, store, users, keys, auth, new AccessGate(defects, options.Audience));
        try
        {
            var hostOptions = new StandInHostOptions
            {
                Name = "target",
                Urls = options.Urls,
                Journal = options.Journal,
                Logging = options.Logging,
                Clock = options.Clock,
                AllowedHosts = options.AllowedHosts,
            };
            var host = await StandInHost.StartAsync(hostOptions, (app, _) => MapEndpoints(app, services), cancellationToken: cancellationToken);
            options.Stack.Set("target", host.BaseUrl);
            return new ReferenceServerHost(host, keys);
        }
        catch
        {
            keys.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        _keys.Dispose();
    }

    private static void Validate(ReferenceServerOptions options)
    {
        if (options.Profile is not (PbenchProfile or DiagramProfile))
        {
            throw new ArgumentException($"profile '{options.Profile}' is not known: use '{PbenchProfile}' or '{DiagramProfile}'.");
        }

        foreach (var (name, value) in new[] { ("realm", options.Realm), ("client", options.Client), ("audience", options.Audience) })
        {
            if (string.IsNullOrWhiteSpace(value) || value.Any(c => char.IsWhiteSpace(c) || c is '/' or '?' or '#'))
            {
                throw new ArgumentException($"{name} '{value}' is not usable: give a plain name such as pbench-server.");
            }
        }

        if (options.BrokerUrl is { } broker && !broker.Contains('{', StringComparison.Ordinal)
            && (!Uri.TryCreate(broker, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            throw new ArgumentException($"broker URL '{broker}' is not an absolute http(s) URL (Pbench [openid] server_url).");
        }
    }

    private static void MapEndpoints(WebApplication app, ServerServices services)
    {
        app.Use(MessageForEmptyErrors);
        new EndpointsApi(services).Map(app);
        new DatasetsApi(services).Map(app);
        new KeysApi(services).Map(app);
        new ServerApi(services).Map(app);
        new DashboardEndpoints(services.Defects).Map(app);
        new DashboardKcEndpoints(services.Defects).Map(app);
    }

    // Routing's own 404 and 405 have no body: give them Pbench's {"message"} shape.
    private static async Task MessageForEmptyErrors(HttpContext context, RequestDelegate next)
    {
        await next(context);
        if (context.Response.HasStarted || context.Response.ContentType is not null)
        {
            return;
        }

        var message = context.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => $"{ApiRequest.Trim(context.Request.Path.Value ?? "")} not found",
            StatusCodes.Status405MethodNotAllowed => $"Method {ApiRequest.Trim(context.Request.Method)} not allowed on {ApiRequest.Trim(context.Request.Path.Value ?? "")}",
            _ => null,
        };
        if (message is not null)
        {
            await new MessageResult(context.Response.StatusCode, message).ExecuteAsync(context);
        }
    }
}
