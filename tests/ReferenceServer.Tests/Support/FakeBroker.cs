using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.ReferenceServer.Tests.Support;

/// <summary>
/// The broker realm endpoints ReferenceServer reads (realm, discovery, JWKS), with keys the test
/// controls, plus a tiny authorization-code login (<see cref="FakeBrokerLogin"/>) for dashboard
/// tests that need exact control of the broker's side.
/// </summary>
public sealed class FakeBroker : IAsyncDisposable
{
    public const string Realm = "pbench-server";

    private readonly ConcurrentDictionary<string, SigningKey> _published = new(StringComparer.Ordinal);

    private FakeBroker(StandInHost host, SigningKey key, FakeTimeProvider clock)
    {
        Host = host;
        Clock = clock;
        ActiveKey = key;
        _published[key.Kid] = key;
        Tokens = new TokenFactory(Issuer, key, clock);
        Login = new FakeBrokerLogin(this);
    }

    /// <summary>The fixture broker key (<c>fixtures/keys/broker-signing.pem</c>), loaded once.</summary>
    public static SigningKey FixtureKey { get; } = SigningKey.FromPemFile(FixturePaths.File("keys", "broker-signing.pem"));

    public StandInHost Host { get; }

    public FakeTimeProvider Clock { get; }

    public string BaseUrl => Host.BaseUrl;

    public string Issuer => $"{Host.BaseUrl}/realms/{Realm}";

    public SigningKey ActiveKey { get; private set; }

    public TokenFactory Tokens { get; private set; }

    public FakeBrokerLogin Login { get; }

    /// <summary>How many times the JWKS was read.</summary>
    public int CertsReads => Host.Journal.Entries("broker").Count(e => e.Url.EndsWith("/certs", StringComparison.Ordinal));

    public static async Task<FakeBroker> StartAsync(FakeTimeProvider clock, Journal? journal = null, string urls = "http://127.0.0.1:0")
    {
        FakeBroker? broker = null;
        var host = await StandInHost.StartAsync(
            new StandInHostOptions { Name = "broker", Journal = journal, Clock = clock, Urls = urls },
            (app, _) => Map(app, () => broker!));
        broker = new FakeBroker(host, FixtureKey, clock);
        return broker;
    }

    /// <summary>A new key becomes active and is published; the old one stays published.</summary>
    public SigningKey Rotate()
    {
        var key = SigningKey.Generate();
        _published[key.Kid] = key;
        ActiveKey = key;
        Tokens = new TokenFactory(Issuer, key, Clock);
        return key;
    }

    public void Unpublish(SigningKey key) => _published.TryRemove(key.Kid, out _);

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    private static void Map(WebApplication app, Func<FakeBroker> broker)
    {
        app.MapGet("/realms/{realm}", (string realm) => realm == Realm
            ? Results.Json(new JsonObject
            {
                ["realm"] = Realm,
                ["public_key"] = broker().ActiveKey.PublicKeyDerBase64,
                ["token-service"] = $"{broker().Issuer}/protocol/openid-connect",
                ["account-service"] = $"{broker().Issuer}/account",
                ["tokens-not-before"] = 0,
            })
            : Results.NotFound());
        app.MapGet("/realms/{realm}/.well-known/openid-configuration", (string realm) => realm == Realm
            ? Results.Json(Discovery(broker().Issuer))
            : Results.NotFound());
        app.MapGet("/realms/{realm}/protocol/openid-connect/certs", (string realm) => realm == Realm
            ? Results.Json(new JsonObject { ["keys"] = new JsonArray([.. broker()._published.Values.Select(k => k.Jwk.DeepClone())]) })
            : Results.NotFound());
        FakeBrokerLogin.Map(app, () => broker().Login);
    }

    private static JsonObject Discovery(string issuer) => new()
    {
        ["issuer"] = issuer,
        ["authorization_endpoint"] = $"{issuer}/protocol/openid-connect/auth",
        ["token_endpoint"] = $"{issuer}/protocol/openid-connect/token",
        ["jwks_uri"] = $"{issuer}/protocol/openid-connect/certs",
        ["end_session_endpoint"] = $"{issuer}/protocol/openid-connect/logout",
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
    };
}
