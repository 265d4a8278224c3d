using PbenchAuthSpec.MockBroker.Fixtures;

namespace PbenchAuthSpec.MockBroker.Hosting;

/// <summary>A realm's realm roles and each client's client roles, with Keycloak's ids.</summary>
internal sealed class RealmRoles(string realmId)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RoleRepresentation> _realm = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, RoleRepresentation>> _clients = new(StringComparer.Ordinal);

    public IReadOnlyList<RoleRepresentation> RealmRolesList()
    {
        lock (_gate)
        {
            return _realm.Values.OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        }
    }

    public RoleRepresentation? RealmRole(string name)
    {
        lock (_gate)
        {
            return _realm.GetValueOrDefault(name);
        }
    }

    /// <summary>Adds a realm role; Keycloak's 409 text when the name is taken.</summary>
    public string? AddRealmRole(RoleRepresentation role)
    {
        lock (_gate)
        {
            return _realm.TryAdd(role.Name, role with { Id = role.Id ?? Guid.NewGuid().ToString(), ClientRole = false, Composite = false, ContainerId = realmId })
                ? null
                : $"Role with name {role.Name} already exists";
        }
    }

    public bool RemoveRealmRole(string name)
    {
        lock (_gate)
        {
            return _realm.Remove(name);
        }
    }

    public IReadOnlyList<RoleRepresentation> ClientRoles(string clientId)
    {
        lock (_gate)
        {
            return _clients.TryGetValue(clientId, out var roles) ? roles.Values.OrderBy(r => r.Name, StringComparer.Ordinal).ToList() : [];
        }
    }

    public RoleRepresentation? ClientRole(string clientId, string name)
    {
        lock (_gate)
        {
            return _clients.TryGetValue(clientId, out var roles) ? roles.GetValueOrDefault(name) : null;
        }
    }

    /// <summary>Adds a role to the client of that internal id; Keycloak's 409 text when the name is taken.</summary>
    public string? AddClientRole(string clientId, RoleRepresentation role)
    {
        lock (_gate)
        {
            if (!_clients.TryGetValue(clientId, out var roles))
            {
                _clients[clientId] = roles = new Dictionary<string, RoleRepresentation>(StringComparer.Ordinal);
            }

            return roles.TryAdd(role.Name, role with { Id = role.Id ?? Guid.NewGuid().ToString(), ClientRole = true, Composite = false, ContainerId = clientId })
                ? null
                : $"Role with name {role.Name} already exists";
        }
    }

    public bool RemoveClientRole(string clientId, string name)
    {
        lock (_gate)
        {
            return _clients.TryGetValue(clientId, out var roles) && roles.Remove(name);
        }
    }

    public void RemoveClient(string clientId)
    {
        lock (_gate)
        {
            _clients.Remove(clientId);
        }
    }
}
