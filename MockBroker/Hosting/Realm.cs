using PbenchAuthSpec.MockBroker.Fixtures;
using PbenchAuthSpec.MockBroker.Keys;
using PbenchAuthSpec.MockBroker.State;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Hosting;

/// <summary>One realm at run time: its clients, identity providers, users, sessions, codes and keys.</summary>
internal sealed class Realm
{
    private const int MaxPendingLogins = 10_000;
    private const int MaxCodes = 10_000;

    private readonly Lazy<RealmKeys> _keys;
    private RealmLifetimes _lifetimes;

    public Realm(RealmFixture fixture, string fixtureDirectory, string baseUrl, TimeProvider clock, int keycloakVersion)
    {
        Name = fixture.Realm;
        Id = ImportedUserIds.NameBased($"realm/{fixture.Realm}").ToString();
        Fixture = fixture;
        Urls = new RealmUrls(baseUrl, fixture.Realm);
        Roles = new RealmRoles(Id);
        ClientScopes = new RealmClientScopes(fixture.Realm, keycloakVersion, fixture.ClientScopes);
        foreach (var client in fixture.Clients)
        {
            ClientRegistry.Add(KeycloakClients.Normalize(client, fixture.Realm));
        }

        IdentityProviders = new IdentityProviderStore(fixture);
        Sessions = new SessionStore(clock);
        Codes = new BoundedStore<string, AuthorizationCode>(clock, MaxCodes);
        RedeemedCodes = new BoundedStore<string, AuthorizationCode>(clock, MaxCodes);
        PendingLogins = new BoundedStore<string, PendingLogin>(clock, MaxPendingLogins);
        RevokedTokens = new BoundedStore<string, bool>(clock, MaxCodes);
        PendingLogouts = new BoundedStore<string, PendingLogout>(clock, MaxPendingLogins);
        AuthSessions = new BoundedStore<string, bool>(clock, MaxPendingLogins);
        _lifetimes = new RealmLifetimes(
            TimeSpan.FromSeconds(fixture.AccessTokenLifespan),
            TimeSpan.FromSeconds(fixture.SsoSessionIdleTimeout),
            TimeSpan.FromSeconds(fixture.SsoSessionMaxLifespan),
            TimeSpan.FromSeconds(fixture.AccessCodeLifespan));

        // A realm without a fixture key gets its own fresh key, made on first use so start-up stays fast.
        _keys = fixture.SigningKey is { Length: > 0 } file
            ? new Lazy<RealmKeys>(new RealmKeys(Name, SigningKey.FromPemFile(Path.Combine(fixtureDirectory, file)), "rsa", clock))
            : new Lazy<RealmKeys>(() => new RealmKeys(Name, SigningKey.Generate(kid: Guid.NewGuid().ToString("N")), "rsa-generated", clock), LazyThreadSafetyMode.ExecutionAndPublication);
        Users = LoadUsers(fixture);
        RegisterRoles();
    }

    public string Name { get; }

    /// <summary>Keycloak's realm id (a UUID), the <c>containerId</c> of realm roles.</summary>
    public string Id { get; }

    public RealmFixture Fixture { get; }

    public RealmUrls Urls { get; }

    /// <summary>The clients by clientId, as they are now (the admin API may change them).</summary>
    public IReadOnlyDictionary<string, ClientFixture> Clients => ClientRegistry.ByClientId;

    public RealmClients ClientRegistry { get; } = new();

    public RealmRoles Roles { get; }

    public RealmClientScopes ClientScopes { get; }

    /// <summary>The identity providers and their mappers, as they are now (the admin API may change them).</summary>
    public IdentityProviderStore IdentityProviders { get; }

    public UserStore Users { get; }

    public SessionStore Sessions { get; }

    public BoundedStore<string, AuthorizationCode> Codes { get; }

    /// <summary>Codes already exchanged, kept for their lifespan so a replay can revoke what they gave.</summary>
    public BoundedStore<string, AuthorizationCode> RedeemedCodes { get; }

    public BoundedStore<string, PendingLogin> PendingLogins { get; }

    public BoundedStore<string, PendingLogout> PendingLogouts { get; }

    /// <summary>RFC 7009: the jti of revoked access tokens, kept until they would have expired.</summary>
    public BoundedStore<string, bool> RevokedTokens { get; }

    /// <summary>The <c>AUTH_SESSION_ID</c> values this realm issued (Keycloak's root authentication sessions), alive for the login timeout.</summary>
    public BoundedStore<string, bool> AuthSessions { get; }

    public RealmKeys Keys => _keys.Value;

    /// <summary>Keycloak signs refresh tokens HS512 with a realm-internal secret that only the realm itself ever reads.</summary>
    public TokenSigner RefreshSigner { get; } = TokenSigner.Hs512(Guid.NewGuid().ToString());

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

    // Keycloak's built-in realm roles, and every role the fixture's users hold, exist as roles.
    private void RegisterRoles()
    {
        foreach (var role in new[] { "offline_access", "uma_authorization", $"default-roles-{Name}" }.Concat(IsMaster ? ["admin", "create-realm"] : []))
        {
            Roles.AddRealmRole(new RoleRepresentation { Name = role });
        }

        foreach (var user in Fixture.Users)
        {
            foreach (var role in user.RealmRoles)
            {
                Roles.AddRealmRole(new RoleRepresentation { Name = role });
            }

            foreach (var (clientId, roles) in user.ClientRoles)
            {
                if (Clients.GetValueOrDefault(clientId)?.Id is { } id)
                {
                    foreach (var role in roles)
                    {
                        Roles.AddClientRole(id, new RoleRepresentation { Name = role });
                    }
                }
            }
        }
    }

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
