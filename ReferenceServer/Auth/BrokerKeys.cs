using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.ReferenceServer.Auth;

/// <summary>
/// The broker realm's signing keys, read lazily from its discovery document and JWKS (so the
/// server starts before the broker does). An unknown <c>kid</c> triggers one re-fetch, so a
/// rotated key works without a restart; re-fetches are rate-limited so that tokens with made-up
/// <c>kid</c>s cannot turn the server into a flood of requests at the broker: at most one per
/// unknown <c>kid</c> per <see cref="RefetchWindow"/>, and at most <see cref="MaxRefetchesPerWindow"/>
/// in any window. With <c>readOnce</c> (defect key-read-once) it does what the real Pbench server
/// does instead: read the realm's <c>public_key</c> once, ignore <c>kid</c>, never read it again.
/// </summary>
internal sealed class BrokerKeys : IDisposable
{
    public static readonly TimeSpan RefetchWindow = TimeSpan.FromSeconds(10);
    public const int MaxRefetchesPerWindow = 5;

    private readonly Func<string?> _brokerUrl;
    private readonly string _realm;
    private readonly TimeProvider _clock;
    private readonly HttpClient _http;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Queue<DateTimeOffset> _refetches = new();
    private readonly Dictionary<string, DateTimeOffset> _missedKids = new(StringComparer.Ordinal);
    private readonly bool _readOnce;
    private volatile IReadOnlyList<RsaSecurityKey>? _keys;

    public BrokerKeys(Func<string?> brokerUrl, string realm, TimeProvider clock, bool readOnce = false)
    {
        _readOnce = readOnce;
        _brokerUrl = brokerUrl;
        _realm = realm;
        _clock = clock;
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue(Journal.BackChannelAgentMarker, "1.0"));
    }

    /// <summary>Pbench's expected issuer: <c>{server_url}/realms/{realm}</c>; null until a broker is known.</summary>
    public string? Issuer => _brokerUrl() is { } url ? $"{url.TrimEnd('/')}/realms/{_realm}" : null;

    /// <summary>The keys whose <c>kid</c> matches (all keys for a token without <c>kid</c>).</summary>
    public async Task<KeyLookup> FindAsync(string? kid, CancellationToken cancellationToken)
    {
        if (_readOnce)
        {
            return await ReadOnceAsync(cancellationToken);
        }

        if (_keys is { } cached && Match(cached, kid) is { Count: > 0 } fast)
        {
            return KeyLookup.Found(fast);
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_keys is null && await FetchAsync(cancellationToken) is { } problem)
            {
                return KeyLookup.Unavailable(problem);
            }

            if (Match(_keys!, kid) is { Count: > 0 } found)
            {
                return KeyLookup.Found(found);
            }

            return kid is null ? KeyLookup.Unknown("the broker's JWKS has no RS256 signing key") : await RefetchForAsync(kid, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Every published key (fetched on first use).</summary>
    public Task<KeyLookup> AllAsync(CancellationToken cancellationToken) => FindAsync(null, cancellationToken);

    public void Dispose()
    {
        _http.Dispose();
        _gate.Dispose();
    }

    // Pbench reads {server_url}/realms/{realm} once and verifies every token with its public_key,
    // whatever the token's kid: a rotated key is unknown to it until a restart.
    private async Task<KeyLookup> ReadOnceAsync(CancellationToken cancellationToken)
    {
        if (_keys is { } read)
        {
            return KeyLookup.Found(read);
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_keys is null && await FetchRealmKeyAsync(cancellationToken) is { } problem)
            {
                return KeyLookup.Unavailable(problem);
            }

            return KeyLookup.Found(_keys!);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<string?> FetchRealmKeyAsync(CancellationToken cancellationToken)
    {
        var issuer = Issuer;
        if (issuer is null)
        {
            return "no identity broker is configured: start the server with --broker-url";
        }

        try
        {
            var realm = JsonNode.Parse(await GetAsync(issuer, cancellationToken));
            var der = Convert.FromBase64String(realm?["public_key"]?.GetValue<string>() ?? throw new FormatException("the realm document has no public_key"));
            using var rsa = RSA.Create();
            rsa.ImportSubjectPublicKeyInfo(der, out _);
            _keys = [new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: false))];
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or InvalidOperationException or FormatException or CryptographicException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return $"the realm's public_key could not be read from {issuer} ({Shorten(e.Message)}): start the broker or fix --broker-url";
        }
    }

    private static List<RsaSecurityKey> Match(IReadOnlyList<RsaSecurityKey> keys, string? kid) =>
        kid is null ? [.. keys] : [.. keys.Where(k => string.Equals(k.KeyId, kid, StringComparison.Ordinal))];

    private async Task<KeyLookup> RefetchForAsync(string kid, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var unknown = $"no key with kid '{Shorten(kid)}' in the broker's JWKS";
        if (!MayRefetch(kid, now))
        {
            return KeyLookup.Unknown($"{unknown} (not re-fetched again so soon)");
        }

        _refetches.Enqueue(now);
        var problem = await FetchAsync(cancellationToken);
        if (Match(_keys!, kid) is { Count: > 0 } found)
        {
            return KeyLookup.Found(found);
        }

        _missedKids[kid] = now;
        return KeyLookup.Unknown(problem is null ? $"{unknown}, even after re-reading it" : $"{unknown}; re-reading it failed: {problem}");
    }

    private bool MayRefetch(string kid, DateTimeOffset now)
    {
        while (_refetches.TryPeek(out var oldest) && now - oldest >= RefetchWindow)
        {
            _refetches.Dequeue();
        }

        foreach (var stale in _missedKids.Where(m => now - m.Value >= RefetchWindow).Select(m => m.Key).ToList())
        {
            _missedKids.Remove(stale);
        }

        return !_missedKids.ContainsKey(kid) && _refetches.Count < MaxRefetchesPerWindow;
    }

    /// <summary>Reads discovery then the JWKS; null on success, else one line saying what failed and what to do.</summary>
    private async Task<string?> FetchAsync(CancellationToken cancellationToken)
    {
        var issuer = Issuer;
        if (issuer is null)
        {
            return "no identity broker is configured: start the server with --broker-url";
        }

        try
        {
            var discovery = JsonNode.Parse(await GetAsync($"{issuer}/.well-known/openid-configuration", cancellationToken));
            var advertised = discovery?["issuer"]?.GetValue<string>();
            if (!string.Equals(advertised, issuer, StringComparison.Ordinal))
            {
                return $"the broker's discovery document names issuer '{Shorten(advertised ?? "(none)")}', not '{issuer}': check --broker-url and --realm";
            }

            var jwksUri = discovery?["jwks_uri"]?.GetValue<string>();
            if (!Uri.TryCreate(jwksUri, UriKind.Absolute, out var jwks) || (jwks.Scheme != Uri.UriSchemeHttp && jwks.Scheme != Uri.UriSchemeHttps))
            {
                return $"the broker's discovery document at {issuer} has no usable jwks_uri";
            }

            _keys = SigningKeys(new JsonWebKeySet(await GetAsync(jwks.AbsoluteUri, cancellationToken)));
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return $"the identity broker's keys could not be read from {issuer} ({Shorten(e.Message)}): start the broker or fix --broker-url";
        }
    }

    private async Task<string> GetAsync(string url, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(url), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"HTTP {(int)response.StatusCode} from {url}");
        }

        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    // RFC 7517 §4.2/§4.4: only RSA keys meant for signatures (use "sig" or unset, alg RS256 or unset).
    private static List<RsaSecurityKey> SigningKeys(JsonWebKeySet set) =>
        [.. set.Keys
            .Where(k => k.Kty == "RSA" && (k.Use is null or "sig") && (k.Alg is null or "RS256") && !string.IsNullOrEmpty(k.N) && !string.IsNullOrEmpty(k.E))
            .Select(k => new RsaSecurityKey(new RSAParameters { Modulus = Base64UrlEncoder.DecodeBytes(k.N), Exponent = Base64UrlEncoder.DecodeBytes(k.E) })
            {
                KeyId = k.Kid,
            })];

    private static string Shorten(string text) => text.Length <= 100 ? text : text[..100] + "…";
}
