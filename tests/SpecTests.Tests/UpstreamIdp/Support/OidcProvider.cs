using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json.Nodes;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.SpecTests.Tests.UpstreamIdp.Support;

/// <summary>
/// panva's oidc-provider (npm, a certified OpenID provider) as a node process on 127.0.0.1 port 0,
/// started from <c>tests/SpecTests.Tests/UpstreamIdp/OidcProvider/server.mjs</c> (its own login and consent
/// pages, users alice and bob, client <c>pbench-broker</c>). It prints its issuer first; once the
/// broker is up, <see cref="RegisterBrokerAsync"/> gives it the broker's redirect URI (and JWKS for
/// private_key_jwt), after which it serves. Disposing closes its stdin, which ends it.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stderr;
    private int _disposed;

    private OidcProvider(Process process, string issuer, Task<string> stderr)
    {
        _process = process;
        Issuer = issuer;
        _stderr = stderr;
    }

    public string Issuer { get; }

    /// <summary>What the provider wrote on stderr (its refusals), once it has ended.</summary>
    public Task<string> Errors => _stderr;

    /// <param name="variant"><c>userinfo</c> (profile claims only at userinfo, its default), <c>es256</c> or <c>pkce</c>.</param>
    /// <param name="auth">The client's token endpoint authentication method.</param>
    public static async Task<OidcProvider> StartAsync(string variant = "userinfo", string auth = "client_secret_basic")
    {
        var start = new ProcessStartInfo("node", ["server.mjs", "--variant", variant, "--auth", auth])
        {
            WorkingDirectory = Folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("node is not installed: install Node.js (apt-get install -y nodejs npm) to run the oidc-provider tests.", e);
        }

        var stderr = process.StandardError.ReadToEndAsync();
        var issuer = await LineAsync(process, "LISTENING ", stderr);
        return new OidcProvider(process, issuer, stderr);
    }

    /// <summary>Registers the broker's redirect URI (and its JWKS, for private_key_jwt) with the client; returns when the provider serves.</summary>
    public async Task RegisterBrokerAsync(string redirectUri, string? jwksUri = null)
    {
        await _process.StandardInput.WriteLineAsync(new JsonObject { ["redirectUri"] = redirectUri, ["jwksUri"] = jwksUri }.ToJsonString());
        await _process.StandardInput.FlushAsync();
        await LineAsync(_process, "READY ", _stderr);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static string Folder => Path.GetFullPath(Path.Combine(FixturePaths.Directory, "..", "tests", "SpecTests.Tests", "UpstreamIdp", "OidcProvider"));

    private static async Task<string> LineAsync(Process process, string prefix, Task<string> stderr)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line[prefix.Length..].Trim();
            }
        }

        throw new InvalidOperationException($"oidc-provider ended before printing '{prefix.Trim()}' (run the build: its npm step installs it into {Folder}): {(stderr.IsCompleted ? await stderr : "")}");
    }
}
