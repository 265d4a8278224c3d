using PbenchAuthSpec.MockBroker.Fixtures;

namespace PbenchAuthSpec.MockBroker.Hosting;

/// <summary>
/// A realm's client scopes: Keycloak's built-in ones, whose claims MockBroker writes itself
/// (profile, email, roles, web-origins, acr and, from Keycloak 25, basic), and the scopes an
/// admin adds, whose audience mappers MockBroker applies. Keycloak:
/// services/src/main/java/org/keycloak/models/utils/DefaultClientScopes.java, and
/// docs/documentation/upgrading/topics/changes/changes-25_0_0.adoc for the <c>basic</c> scope.
/// </summary>
internal sealed class RealmClientScopes
{
    private static readonly string[] InTokenScope = ["profile", "email", "address", "phone", "microprofile-jwt"];

    private readonly Lock _gate = new();
    private readonly List<ClientScopeRepresentation> _scopes = [];
    private IReadOnlyList<string> _defaults;

    public RealmClientScopes(string realm, int keycloakVersion, IEnumerable<ClientScopeRepresentation> custom)
    {
        var builtIn = new List<string> { "profile", "email", "roles", "web-origins", "acr", "address", "phone", "microprofile-jwt" };
        if (keycloakVersion >= 25)
        {
            builtIn.Add("basic");
        }

        foreach (var name in builtIn)
        {
            _scopes.Add(new ClientScopeRepresentation
            {
                Id = ImportedUserIds.NameBased($"{realm}/client-scope/{name}").ToString(),
                Name = name,
                Attributes = new Dictionary<string, string> { ["include.in.token.scope"] = InTokenScope.Contains(name) ? "true" : "false", ["display.on.consent.screen"] = "true" },
            });
        }

        _defaults = keycloakVersion >= 25 ? ["acr", "basic", "email", "profile", "roles", "web-origins"] : ["acr", "email", "profile", "roles", "web-origins"];
        Optionals = ["address", "microprofile-jwt", "phone"];
        foreach (var scope in custom)
        {
            Add(scope);
        }
    }

    /// <summary>The realm's default default client scopes: what a client without its own list gets.</summary>
    public IReadOnlyList<string> Defaults => Volatile.Read(ref _defaults);

    public IReadOnlyList<string> Optionals { get; }

    public IReadOnlyList<ClientScopeRepresentation> All()
    {
        lock (_gate)
        {
            return [.. _scopes];
        }
    }

    public ClientScopeRepresentation? ById(string id)
    {
        lock (_gate)
        {
            return _scopes.FirstOrDefault(s => s.Id == id);
        }
    }

    public ClientScopeRepresentation? ByName(string name)
    {
        lock (_gate)
        {
            return _scopes.FirstOrDefault(s => s.Name == name);
        }
    }

    /// <summary>Adds a scope (mappers get ids); Keycloak's 409 text when the name is taken.</summary>
    public (ClientScopeRepresentation? Scope, string? Conflict) Add(ClientScopeRepresentation scope)
    {
        lock (_gate)
        {
            if (_scopes.Any(s => s.Name == scope.Name))
            {
                return (null, $"Client Scope {scope.Name} already exists");
            }

            var added = scope with
            {
                Id = scope.Id ?? Guid.NewGuid().ToString(),
                ProtocolMappers = scope.ProtocolMappers.Select(m => m with { Id = m.Id ?? Guid.NewGuid().ToString() }).ToList(),
            };
            _scopes.Add(added);
            return (added, null);
        }
    }

    public void Replace(ClientScopeRepresentation scope)
    {
        lock (_gate)
        {
            var at = _scopes.FindIndex(s => s.Id == scope.Id);
            if (at >= 0)
            {
                _scopes[at] = scope;
            }
        }
    }

    /// <summary>Adds a scope to, or takes it from, the realm's default client scopes.</summary>
    public void SetDefault(string name, bool on)
    {
        lock (_gate)
        {
            var rest = _defaults.Where(n => n != name);
            Volatile.Write(ref _defaults, on ? [.. rest, name] : rest.ToList());
        }
    }

    public bool Remove(string id)
    {
        lock (_gate)
        {
            return _scopes.RemoveAll(s => s.Id == id) > 0;
        }
    }
}
