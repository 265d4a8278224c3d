using PbenchAuthSpec.MockBroker.Fixtures;
using PbenchAuthSpec.MockBroker.State;
using PbenchAuthSpec.MockBroker.Tokens;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Hosting;

/// <summary>One realm at run time: its clients, identity providers, users, sessions, codes and keys.</summary>
internal sealed class Realm
{
    private const int MaxPendingLogins = 10_000;
    private const int MaxCodes = 10_000;

    private readonly Lazy<RealmKeys> _keys;
    private RealmLifetimes _lifetimes;

    public Realm(RealmFixture fixture, string fixtureDirectory, string baseUrl, TimeProvider clock)
    {
        Name = fixture.Realm;
        Fixture = fixture;
        Urls = new RealmUrls(baseUrl, fixture.Realm);
        Clients = fixture.Clients.ToDictionary(c => c.ClientId, StringComparer.Ordinal);
        IdentityProviders = fixture.IdentityProviders.ToDictionary(p => p.Alias, StringComparer.Ordinal);
        Sessions = new SessionStore(clock);
        Codes = new BoundedStore<string, AuthorizationCode>(clock, MaxCodes);
        RedeemedCodes = new BoundedStore<string, AuthorizationCode>(clock, MaxCodes);
        PendingLogins = new BoundedStore<string, PendingLogin>(clock, MaxPendingLogins);
        AuthSessions = new BoundedStore<string, bool>(clock, MaxPendingLogins);
        _lifetimes = new RealmLifetimes(
            TimeSpan.FromSeconds(fixture.AccessTokenLifespan),
            TimeSpan.FromSeconds(fixture.SsoSessionIdleTimeout),
            TimeSpan.FromSeconds(fixture.SsoSessionMaxLifespan),
            TimeSpan.FromSeconds(fixture.AccessCodeLifespan));

        // A realm without a fixture key gets its own fresh key, made on first use so start-up stays fast.
        _keys = fixture.SigningKey is { Length: > 0 } file
            ? new Lazy<RealmKeys>(new RealmKeys(SigningKey.FromPemFile(Path.Combine(fixtureDirectory, file)), clock))
            : new Lazy<RealmKeys>(() => new RealmKeys(SigningKey.Generate(kid: Guid.NewGuid().ToString("N")), clock), LazyThreadSafetyMode.ExecutionAndPublication);
        Users = LoadUsers(fixture);
    }

    public string Name { get; }

    public RealmFixture Fixture { get; }

    public RealmUrls Urls { get; }

    public IReadOnlyDictionary<string, ClientFixture> Clients { get; }

    public IReadOnlyDictionary<string, IdentityProviderFixture> IdentityProviders { get; }

    public UserStore Users { get; }

    public SessionStore Sessions { get; }

    public BoundedStore<string, AuthorizationCode> Codes { get; }

    /// <summary>Codes already exchanged, kept for their lifespan so a replay can revoke what they gave.</summary>
    public BoundedStore<string, AuthorizationCode> RedeemedCodes { get; }

    public BoundedStore<string, PendingLogin> PendingLogins { get; }

    /// <summary>The <c>AUTH_SESSION_ID</c> values this realm issued (Keycloak's root authentication sessions), alive for the login timeout.</summary>
    public BoundedStore<string, bool> AuthSessions { get; }

    public RealmKeys Keys => _keys.Value;

    public HmacJwsSigner RefreshSigner { get; } = new();

    public RealmLifetimes Lifetimes => Volatile.Read(ref _lifetimes);

    public bool RevokeRefreshToken => Fixture.RevokeRefreshToken;

    public bool IsMaster => Name == "master";

    public void SetLifetimes(TimeSpan? accessToken, TimeSpan? refreshToken, TimeSpan? code)
    {
        foreach (var (name, value) in new[] { (nameof(accessToken), accessToken), (nameof(refreshToken), refreshToken), (nameof(code), code) })
        {
            if (value is { } span && span < TimeSpan.FromSeconds(1))
            {
                throw new ArgumentOutOfRangeException(name, span, "lifetimes must be at least one second.");
            }
        }

        var current = Lifetimes;
        Volatile.Write(ref _lifetimes, current with
        {
            AccessToken = accessToken ?? current.AccessToken,
            SessionIdle = refreshToken ?? current.SessionIdle,
            Code = code ?? current.Code,
        });
    }

    public bool IsSessionActive(SsoSession? session, DateTimeOffset now) =>
        session is not null && session.IsActive(now, Lifetimes.SessionIdle, Lifetimes.SessionMax);

    private static UserStore LoadUsers(RealmFixture fixture)
    {
        var users = new UserStore();
        foreach (var user in fixture.Users)
        {
            users.TryAdd(new BrokerUser
            {
                Id = user.Id ?? ImportedUserIds.NameBased($"{fixture.Realm}/local/{user.Username}"),
                Username = user.Username.ToLowerInvariant(),
                Email = user.Email,
                FirstName = user.FirstName,
                LastName = user.LastName,
                Password = user.Password,
                Enabled = user.Enabled,
                EmailVerified = user.Email is not null,
                RealmRoles = user.RealmRoles,
                ClientRoles = user.ClientRoles,
            });
        }

        // Keycloak gives each client with a service account a user "service-account-{clientId}".
        foreach (var client in fixture.Clients.Where(c => c.ServiceAccountsEnabled))
        {
            users.TryAdd(new BrokerUser
            {
                Id = ImportedUserIds.NameBased($"{fixture.Realm}/service-account/{client.ClientId}"),
                Username = $"service-account-{client.ClientId}".ToLowerInvariant(),
                ServiceAccountClientId = client.ClientId,
            });
        }

        return users;
    }
}
