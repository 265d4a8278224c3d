namespace PbenchAuthSpec.MockBroker.State;

/// <summary>A realm user. Immutable: a change replaces the record in the <see cref="UserStore"/>.</summary>
internal sealed record BrokerUser
{
    public required Guid Id { get; init; }

    public required string Username { get; init; }

    public string? Email { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    /// <summary>Test-only clear password; null for users who only log in through an IdP.</summary>
    public string? Password { get; init; }

    public bool Enabled { get; init; } = true;

    public bool EmailVerified { get; init; }

    public long CreatedTimestamp { get; init; }

    public IReadOnlyList<string> RealmRoles { get; init; } = [];

    public IReadOnlyDictionary<string, IReadOnlyList<string>> ClientRoles { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public IReadOnlyList<FederatedIdentity> FederatedIdentities { get; init; } = [];

    /// <summary>Keycloak's required actions, e.g. <c>UPDATE_PASSWORD</c> after a temporary password.</summary>
    public IReadOnlyList<string> RequiredActions { get; init; } = [];

    /// <summary>Set for Keycloak's <c>service-account-{client}</c> users (client_credentials).</summary>
    public string? ServiceAccountClientId { get; init; }

    public string? FullName => (FirstName, LastName) switch
    {
        (null, null) => null,
        (var first, null) => first,
        (null, var last) => last,
        var (first, last) => $"{first} {last}",
    };

    public BrokerUser WithClientRole(string client, string role)
    {
        var roles = ClientRoles.GetValueOrDefault(client) ?? [];
        if (roles.Contains(role, StringComparer.Ordinal))
        {
            return this;
        }

        var copy = new Dictionary<string, IReadOnlyList<string>>(ClientRoles, StringComparer.Ordinal) { [client] = [.. roles, role] };
        return this with { ClientRoles = copy };
    }

    public BrokerUser WithoutClientRole(string client, string role)
    {
        var roles = (ClientRoles.GetValueOrDefault(client) ?? []).Where(r => r != role).ToList();
        var copy = new Dictionary<string, IReadOnlyList<string>>(ClientRoles, StringComparer.Ordinal);
        if (roles.Count == 0)
        {
            copy.Remove(client);
        }
        else
        {
            copy[client] = roles;
        }

        return this with { ClientRoles = copy };
    }

    public BrokerUser WithRealmRole(string role) =>
        RealmRoles.Contains(role, StringComparer.Ordinal) ? this : this with { RealmRoles = [.. RealmRoles, role] };
}
