using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.ReferenceServer;

/// <summary>
/// How ReferenceServer runs. The <c>BrokerUrl</c>, <c>Realm</c>, <c>Client</c> and
/// <c>Audience</c> settings are Pbench's <c>[openid]</c> keys (<c>server_url</c>, <c>realm</c>,
/// <c>client</c>, <c>audience</c>); <c>AdminUsers</c> is <c>[pbench-server] admin-role</c>.
/// </summary>
public sealed record ReferenceServerOptions
{
    public string Urls { get; init; } = "http://127.0.0.1:0";

    /// <summary>The identity broker's base URL; when null, the stack's <c>broker</c> URL at request time.</summary>
    public string? BrokerUrl { get; init; }

    public string Realm { get; init; } = "pbench-server";

    public string Client { get; init; } = "pbench-client";

    public string Audience { get; init; } = "pbench-server";

    /// <summary><c>pbench</c> (the real server's <c>/api/v1/endpoints</c>) or <c>diagram</c> (the drawing's keys).</summary>
    public string Profile { get; init; } = "pbench";

    /// <summary>Names from <c>fixtures/defects.json</c>; broker rows are accepted and ignored here.</summary>
    public IReadOnlyCollection<string> Defects { get; init; } = [];

    public Journal? Journal { get; init; }

    public StackUrls Stack { get; init; } = new();

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Usernames that are admins whatever their token's roles say.</summary>
    public IReadOnlyList<string> AdminUsers { get; init; } = [];

    /// <summary>Host names answered besides the loopback ones (<see cref="StandInHostOptions.AllowedHosts"/>); others get 421.</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    public bool Logging { get; init; }

    /// <summary>The seed data (users, datasets, settings); default <c>fixtures/reference-server.json</c>.</summary>
    public string? SeedFile { get; init; }
}
