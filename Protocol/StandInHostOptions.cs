namespace PbenchAuthSpec.Protocol;

/// <summary>How a stand-in server is hosted. Loopback only; port 0 picks a free port.</summary>
public sealed record StandInHostOptions
{
    /// <summary>The name the journal records for this server (<c>idp</c>, <c>broker</c>, <c>target</c>).</summary>
    public required string Name { get; init; }

    public string Urls { get; init; } = "http://127.0.0.1:0";

    /// <summary>
    /// Host names answered besides the loopback names (127.0.0.1, localhost, [::1]) with the bound
    /// port: <c>name</c> (any port) or <c>name:port</c>. Any other <c>Host</c> gets 421 (DNS rebinding).
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>Shared with other stand-ins for one time-ordered journal; a fresh one when null.</summary>
    public Journal? Journal { get; init; }

    /// <summary>False turns the journal off (benchmarks of the bare protocol path).</summary>
    public bool JournalEnabled { get; init; } = true;

    /// <summary>Fault mapping files (or folders of <c>*.json</c>) loaded at start.</summary>
    public IReadOnlyList<string> MappingFiles { get; init; } = [];

    /// <summary>ASP.NET Core's console logging; off by default so no request pays for it.</summary>
    public bool Logging { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The TLS certificate (with its private key) for <c>https://</c> URLs; required for them.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? Certificate { get; init; }
}
