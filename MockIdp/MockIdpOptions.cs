using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockIdp;

/// <summary>How to start a MockIdp; every setting has a default.</summary>
public sealed record MockIdpOptions
{
    /// <summary>Loopback only; port 0 picks a free port.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:0";

    /// <summary>The fixture file; <c>fixtures/idp.json</c> when null.</summary>
    public string? FixtureFile { get; init; }

    /// <summary>Shared with the other stand-ins for one time-ordered journal; a fresh one when null.</summary>
    public Journal? Journal { get; init; }

    /// <summary>Where MockIdp registers itself as <c>idp</c> and resolves <c>{broker}</c> in redirect URIs.</summary>
    public StackUrls Stack { get; init; } = new();

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Fault mapping files (or folders of <c>*.json</c>) loaded at start.</summary>
    public IReadOnlyList<string> MappingFiles { get; init; } = [];

    /// <summary>302 or 303 for the redirect back to the client; overrides the fixture's <c>redirectStatus</c>.</summary>
    public int? RedirectStatus { get; init; }

    /// <summary>Host names answered besides the loopback ones (<see cref="StandInHostOptions.AllowedHosts"/>); others get 421.</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>ASP.NET Core console logging.</summary>
    public bool Logging { get; init; }
}
