namespace PbenchAuthSpec.MockBroker.State;

/// <summary>A realm's users, indexed by id, username, email and federated identity. Bounded.</summary>
internal sealed class UserStore(int capacity = 10_000)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, BrokerUser> _byId = [];
    private readonly Dictionary<string, Guid> _byUsername = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Guid> _byEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(string Alias, string Subject), Guid> _byLink = [];

    public BrokerUser? ById(Guid id)
    {
        lock (_gate)
        {
            return _byId.GetValueOrDefault(id);
        }
    }

    public BrokerUser? ByUsername(string username)
    {
        lock (_gate)
        {
            return _byUsername.TryGetValue(username, out var id) ? _byId[id] : null;
        }
    }

    public BrokerUser? ByEmail(string email)
    {
        lock (_gate)
        {
            return _byEmail.TryGetValue(email, out var id) ? _byId[id] : null;
        }
    }

    public BrokerUser? ByFederatedIdentity(string alias, string subject)
    {
        lock (_gate)
        {
            return _byLink.TryGetValue((alias, subject), out var id) ? _byId[id] : null;
        }
    }

    /// <summary>Adds a new user; the reason it cannot (Keycloak's 409 texts) otherwise.</summary>
    public string? TryAdd(BrokerUser user)
    {
        lock (_gate)
        {
            if (_byId.Count >= capacity)
            {
                return $"the realm already holds {capacity} users";
            }

            if (_byId.ContainsKey(user.Id))
            {
                return "User exists with same id";
            }

            if (_byUsername.ContainsKey(user.Username))
            {
                return "User exists with same username";
            }

            if (user.Email is not null && _byEmail.ContainsKey(user.Email))
            {
                return "User exists with same email";
            }

            Index(user);
            return null;
        }
    }

    /// <summary>Replaces an existing user of the same id, e.g. with a new link, role, name or password.</summary>
    public void Update(BrokerUser user)
    {
        lock (_gate)
        {
            if (_byId.TryGetValue(user.Id, out var old))
            {
                Unindex(old);
            }

            Index(user);
        }
    }

    public bool Remove(Guid id)
    {
        lock (_gate)
        {
            if (!_byId.TryGetValue(id, out var user))
            {
                return false;
            }

            Unindex(user);
            _byId.Remove(id);
            return true;
        }
    }

    public IReadOnlyList<BrokerUser> All()
    {
        lock (_gate)
        {
            return _byId.Values.Where(u => u.ServiceAccountClientId is null).OrderBy(u => u.Username, StringComparer.Ordinal).ToList();
        }
    }

    private void Unindex(BrokerUser user)
    {
        _byUsername.Remove(user.Username);
        if (user.Email is not null && _byEmail.TryGetValue(user.Email, out var owner) && owner == user.Id)
        {
            _byEmail.Remove(user.Email);
        }

        foreach (var link in user.FederatedIdentities)
        {
            _byLink.Remove((link.IdentityProvider, link.UserId));
        }
    }

    private void Index(BrokerUser user)
    {
        _byId[user.Id] = user;
        _byUsername[user.Username] = user.Id;
        if (user.Email is not null)
        {
            _byEmail.TryAdd(user.Email, user.Id);
        }

        foreach (var link in user.FederatedIdentities)
        {
            _byLink[(link.IdentityProvider, link.UserId)] = user.Id;
        }
    }
}
