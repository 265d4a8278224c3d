using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockIdp;

/// <summary>Everything the endpoints of one MockIdp share: configuration, clock, keys, and the bounded in-memory state.</summary>
internal sealed class IdpRuntime
{
    /// <summary>Hard caps on held state, whatever the traffic (a soak may start sign-ins it never finishes).</summary>
    public const int MaxTransactions = 100_000;
    public const int MaxCodes = 100_000;
    public const int MaxRevokedTokens = 100_000;

    private readonly ConcurrentDictionary<(string User, string Client), bool> _consents = new();
    private StandInHost? _host;
    private IdpEndpoints? _endpoints;
    private byte[]? _discovery;

    public IdpRuntime(IdpConfiguration configuration, StackUrls stack, TimeProvider clock)
    {
        Configuration = configuration;
        Stack = stack;
        Clock = clock;
        IdTokenSigner = TokenSigner.Rs256(configuration.Key, "JWT");
        AccessTokenSigner = TokenSigner.Rs256(configuration.Key, "at+jwt");
        Cookies = new IdpCookies(configuration.SessionLifetime);
        Jwks = Encoding.UTF8.GetBytes(new JsonObject { ["keys"] = new JsonArray(configuration.Key.Jwk.DeepClone()) }.ToJsonString());
    }

    public IdpConfiguration Configuration { get; }

    public StackUrls Stack { get; }

    public TimeProvider Clock { get; }

    /// <summary>OIDC Core §2: the ID token is a JWS; <c>typ</c> JWT.</summary>
    public TokenSigner IdTokenSigner { get; }

    /// <summary>RFC 9068 §2.1: JWT access tokens carry <c>typ: at+jwt</c>.</summary>
    public TokenSigner AccessTokenSigner { get; }

    public IdpCookies Cookies { get; }

    /// <summary>RFC 7517 §5 JWK Set, encoded once.</summary>
    public byte[] Jwks { get; }

    public ExpiringStore<LoginTransaction> Transactions { get; } = new(MaxTransactions);

    /// <summary>Codes stay one more lifetime after they fall due, so a late reuse is still recognised (RFC 6749 §4.1.2).</summary>
    public ExpiringStore<CodeGrant> Codes { get; } = new(MaxCodes);

    /// <summary>The jti of access tokens revoked because their code was reused, until those tokens expire.</summary>
    public ExpiringStore<string> RevokedTokens { get; } = new(MaxRevokedTokens);

    /// <summary>The issuer (== base URL); known once the host is bound, so computed on first use.</summary>
    public IdpEndpoints Endpoints => _endpoints ??= new IdpEndpoints(_host?.BaseUrl ?? throw new InvalidOperationException("MockIdp is not started."));

    public string Issuer => Endpoints.Issuer;

    public byte[] Discovery => _discovery ??= JsonSerializer.SerializeToUtf8Bytes(DiscoveryMetadata.For(Endpoints), MockIdpJson.Default.DiscoveryDocument);

    public DateTimeOffset Now => Clock.GetUtcNow();

    public void Attach(StandInHost host) => _host = host;

    public bool HasConsent(string username, string clientId) => _consents.ContainsKey((username, clientId));

    public void RememberConsent(string username, string clientId) => _consents[(username, clientId)] = true;

    public void Purge()
    {
        var now = Now;
        Transactions.Purge(now);
        Codes.Purge(now);
        RevokedTokens.Purge(now);
    }
}
