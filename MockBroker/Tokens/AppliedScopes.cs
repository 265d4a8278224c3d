using PbenchAuthSpec.MockBroker.Fixtures;

namespace PbenchAuthSpec.MockBroker.Tokens;

/// <summary>The built-in client scopes in effect for one token, and the mappers of all of them.</summary>
internal sealed class AppliedScopes
{
    public AppliedScopes(IReadOnlyList<ClientScopeRepresentation> scopes, int keycloakVersion)
    {
        var names = scopes.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        Roles = names.Contains("roles");
        WebOrigins = names.Contains("web-origins");
        Acr = names.Contains("acr");
        Profile = names.Contains("profile");
        Email = names.Contains("email");
        // Keycloak 24 writes sub and auth_time into every access token; 25 moved them to the basic scope.
        Basic = keycloakVersion <= 24 || names.Contains("basic");
        Mappers = scopes.SelectMany(s => s.ProtocolMappers).ToList();
    }

    public bool Roles { get; }

    public bool WebOrigins { get; }

    public bool Acr { get; }

    public bool Profile { get; }

    public bool Email { get; }

    public bool Basic { get; }

    public IReadOnlyList<ProtocolMapperRepresentation> Mappers { get; }
}
