using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PbenchAuthSpec.Protocol;

/// <summary>
/// Hosts one stand-in server on loopback: Kestrel with tight limits, the request journal, fault
/// mappings and the WireMock-style admin API (<c>/__admin/requests</c>, <c>/__admin/mappings</c>).
/// <code>await using var host = await StandInHost.StartAsync(options, app => app.MapGet(...));</code>
/// </summary>
public sealed class StandInHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private string? _baseUrl;

    private StandInHost(WebApplication app, StandInHostOptions options, Journal journal, FaultMappings mappings)
    {
        _app = app;
        Options = options;
        Journal = journal;
        Mappings = mappings;
    }

    public StandInHostOptions Options { get; }

    public Journal Journal { get; }

    public FaultMappings Mappings { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The bound base URL without a trailing slash, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl => _baseUrl ??= ReadBoundAddress();

    public int Port => new Uri(BaseUrl).Port;

    public static async Task<StandInHost> StartAsync(
        StandInHostOptions options,
        Action<WebApplication, StandInHost> mapEndpoints,
        Action<IServiceCollection>? configureServices = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(mapEndpoints);
        RequireLoopback(options.Urls, options.Certificate is not null);
        StandInHost? started = null;
        var hostNames = new AllowedHostNames(() => started?.BoundPorts() ?? [], options.AllowedHosts);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Limits.MaxRequestLineSize = 16 * 1024;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            if (options.Certificate is { } certificate)
            {
                kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate);
            }
        });
        if (options.Certificate is not null)
        {
            // The slim builder leaves HTTPS out until asked for.
            builder.WebHost.UseKestrelHttpsConfiguration();
        }

        builder.Logging.ClearProviders();
        if (options.Logging)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }

        builder.Services.AddSingleton(options.Clock);
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        var journal = options.Journal ?? new Journal();
        var mappings = new FaultMappings();
        foreach (var file in ExpandMappingFiles(options.MappingFiles))
        {
            mappings.AddFile(file);
        }

        var host = started = new StandInHost(app, options, journal, mappings);
        app.UseMiddleware<ErrorShieldMiddleware>(options.Name);
        app.UseMiddleware<HostFilterMiddleware>(hostNames);
        app.UseMiddleware<AdminGuardMiddleware>();
        if (options.JournalEnabled)
        {
            app.UseMiddleware<JournalMiddleware>(options.Name, journal, options.Clock);
        }

        app.UseMiddleware<FaultMappingMiddleware>(mappings);
        MapAdmin(app, host);
        mapEndpoints(app, host);
        await app.StartAsync(cancellationToken);
        _ = host.BaseUrl;
        return host;
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _app.StopAsync(timeout.Token);
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }

    private string ReadBoundAddress()
    {
        var first = BoundAddresses().FirstOrDefault() ?? throw new InvalidOperationException($"{Options.Name}: the server has no bound address.");
        return first.Replace("://localhost:", "://127.0.0.1:", StringComparison.Ordinal).TrimEnd('/');
    }

    private ICollection<string> BoundAddresses() =>
        _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];

    private int[] BoundPorts() =>
        BoundAddresses().Select(a => Uri.TryCreate(a.Replace("://+:", "://localhost:", StringComparison.Ordinal), UriKind.Absolute, out var uri) ? uri.Port : -1).Where(p => p > 0).Distinct().ToArray();

    // Servers bind loopback only: a stand-in with test keys must never be reachable from outside.
    private static void RequireLoopback(string urls, bool https)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !(uri.Scheme == Uri.UriSchemeHttp || (https && uri.Scheme == Uri.UriSchemeHttps)))
            {
                throw new InvalidOperationException(https ? $"--urls {url}: expected https://127.0.0.1:PORT." : $"--urls {url}: expected http://127.0.0.1:PORT.");
            }

            var loopback = uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
            if (!loopback)
            {
                throw new InvalidOperationException($"--urls {url}: stand-ins bind loopback only (127.0.0.1, [::1] or localhost).");
            }
        }
    }

    private static IEnumerable<string> ExpandMappingFiles(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.GetFiles(path, "*.json").Order(StringComparer.Ordinal))
                {
                    yield return file;
                }
            }
            else
            {
                yield return File.Exists(path) ? path : throw new InvalidOperationException($"--mappings {path}: no such file or folder.");
            }
        }
    }

    private static void MapAdmin(WebApplication app, StandInHost host)
    {
        app.MapGet("/__admin/requests", (string? server) =>
            Results.Json(new AdminRequestsBody(host.Journal.Entries(server)), ProtocolJson.Default.AdminRequestsBody));
        app.MapDelete("/__admin/requests", () =>
        {
            host.Journal.Clear();
            // The entries just dropped were mostly in gen2; an aggressive collection gives their
            // memory back to the system now rather than whenever the GC next decides to.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            return Results.Ok();
        });
        app.MapGet("/__admin/memory", () => Results.Json(AdminMemoryBody.Now(), ProtocolJson.Default.AdminMemoryBody));
        app.MapGet("/__admin/mappings", () => Results.Json(new AdminMappingsBody(host.Mappings.All), ProtocolJson.Default.AdminMappingsBody));
        app.MapPost("/__admin/mappings", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            try
            {
                var added = FaultMapping.Parse(await reader.ReadToEndAsync(request.HttpContext.RequestAborted), "POST /__admin/mappings");
                host.Mappings.AddRange(added);
                return Results.Json(new AdminMappingsAddedBody("Mapping added", added.Select(m => m.Guid).ToList()), ProtocolJson.Default.AdminMappingsAddedBody, statusCode: StatusCodes.Status201Created);
            }
            catch (Exception e) when (e is InvalidOperationException or JsonException or NotSupportedException)
            {
                return OAuthError.InvalidRequest(e.Message);
            }
        });
        app.MapDelete("/__admin/mappings", () =>
        {
            host.Mappings.Clear();
            return Results.Ok();
        });
        app.MapDelete("/__admin/mappings/{guid:guid}", (Guid guid) =>
            host.Mappings.Remove(guid) ? Results.Ok() : Results.NotFound());
    }
}
