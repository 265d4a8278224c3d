using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Hosting;

/// <summary>
/// Discovery documents and JWKS of upstream IdPs, fetched over the back channel and cached for a
/// few minutes (by the injected clock). A JWKS is fetched again when a token names an unknown kid.
/// </summary>
internal sealed class UpstreamDirectory(HttpClient http, TimeProvider clock)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, (UpstreamMetadata Metadata, DateTimeOffset Expires)> _discovery = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (JsonWebKeySet Keys, DateTimeOffset Expires)> _keys = new(StringComparer.Ordinal);

    /// <summary>The provider's endpoints: its configured URLs, any missing one from its issuer's discovery document.</summary>
    public async Task<UpstreamMetadata> ResolveAsync(OidcProviderSettings idp, StackUrls stack, CancellationToken cancellationToken)
    {
        string? Url(string? configured) => configured is null ? null : stack.Resolve(configured);
        var issuer = Url(idp.Issuer);
        var configured = new UpstreamMetadata(issuer, Url(idp.AuthorizationUrl) ?? "", Url(idp.TokenUrl) ?? "", Url(idp.JwksUrl), Url(idp.UserInfoUrl));
        if (issuer is null || (configured.AuthorizationEndpoint.Length > 0 && configured.TokenEndpoint.Length > 0 && (configured.JwksUri is not null || !idp.UseJwksUrl) && (configured.UserinfoEndpoint is not null || idp.DisableUserInfo)))
        {
            return configured;
        }

        var discovered = await DiscoverAsync(issuer, cancellationToken);
        return new UpstreamMetadata(
            issuer,
            configured.AuthorizationEndpoint.Length > 0 ? configured.AuthorizationEndpoint : discovered.AuthorizationEndpoint,
            configured.TokenEndpoint.Length > 0 ? configured.TokenEndpoint : discovered.TokenEndpoint,
            configured.JwksUri ?? discovered.JwksUri,
            configured.UserinfoEndpoint ?? discovered.UserinfoEndpoint);
    }

    public async Task<UpstreamMetadata> DiscoverAsync(string issuer, CancellationToken cancellationToken)
    {
        if (_discovery.TryGetValue(issuer, out var cached) && cached.Expires > clock.GetUtcNow())
        {
            return cached.Metadata;
        }

        using var document = await GetJsonAsync($"{issuer.TrimEnd('/')}/.well-known/openid-configuration", cancellationToken);
        var root = document.RootElement;
        var metadata = new UpstreamMetadata(
            Field(root, "issuer"), Field(root, "authorization_endpoint"), Field(root, "token_endpoint"), Optional(root, "jwks_uri"), Optional(root, "userinfo_endpoint"));

        // OIDC Discovery §4.3: the issuer in the document must be the one the configuration names.
        if (metadata.Issuer != issuer)
        {
            throw new UpstreamException($"the IdP's discovery names issuer '{metadata.Issuer}', not the configured '{issuer}'");
        }

        _discovery[issuer] = (metadata, clock.GetUtcNow() + CacheFor);
        return metadata;
    }

    public async Task<JsonWebKeySet> KeysAsync(string jwksUri, bool refresh, CancellationToken cancellationToken)
    {
        if (!refresh && _keys.TryGetValue(jwksUri, out var cached) && cached.Expires > clock.GetUtcNow())
        {
            return cached.Keys;
        }

        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, jwksUri), cancellationToken);
        JsonWebKeySet keys;
        try
        {
            keys = new JsonWebKeySet(await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (ArgumentException e)
        {
            throw new UpstreamException($"the IdP's JWKS at {jwksUri} is not a JWK set", e);
        }

        _keys[jwksUri] = (keys, clock.GetUtcNow() + CacheFor);
        return keys;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new UpstreamException($"{request.Method} {request.RequestUri} failed: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new UpstreamException($"{request.Method} {request.RequestUri} timed out", e);
        }
        finally
        {
            request.Dispose();
        }
    }

    private async Task<JsonDocument> GetJsonAsync(string url, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, url), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new UpstreamException($"GET {url} answered {(int)response.StatusCode}");
        }

        try
        {
            var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return document.RootElement.ValueKind == JsonValueKind.Object ? document : throw new UpstreamException($"GET {url} is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new UpstreamException($"GET {url} is not JSON", e);
        }
    }

    private static string Field(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new UpstreamException($"the IdP's discovery has no '{name}'");

    private static string? Optional(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
