using System.Text.Json;
using System.Text.Json.Nodes;
using PbenchAuthSpec.MockBroker.Fixtures;
using PbenchAuthSpec.MockBroker.Tokens;

namespace PbenchAuthSpec.MockBroker.Admin;

/// <summary>
/// Keycloak's RealmRepresentation (what <c>POST /admin/realms</c> and a realm export carry) read
/// into the broker's realm model. Identity providers are read from Keycloak's
/// IdentityProviderRepresentation (<c>providerId</c> <c>oidc</c>, settings in <c>config</c>) and
/// their <c>oidc-role-idp-mapper</c> / hardcoded-role mappers from <c>identityProviderMappers</c>.
/// </summary>
internal static class RealmImport
{
    public static RealmFixture FromRepresentation(JsonObject rep)
    {
        var name = Text(rep, "realm") ?? throw new InvalidOperationException("realm is required");
        var defaults = new RealmFixture();
        var mappers = rep["identityProviderMappers"] as JsonArray ?? [];
        return new RealmFixture
        {
            Realm = name,
            Enabled = Bool(rep, "enabled") ?? false,
            AccessTokenLifespan = Int(rep, "accessTokenLifespan") ?? defaults.AccessTokenLifespan,
            SsoSessionIdleTimeout = Int(rep, "ssoSessionIdleTimeout") ?? defaults.SsoSessionIdleTimeout,
            SsoSessionMaxLifespan = Int(rep, "ssoSessionMaxLifespan") ?? defaults.SsoSessionMaxLifespan,
            AccessCodeLifespan = Int(rep, "accessCodeLifespan") ?? defaults.AccessCodeLifespan,
            RevokeRefreshToken = Bool(rep, "revokeRefreshToken") ?? false,
            Clients = (rep["clients"]?.Deserialize(BrokerJson.Default.IReadOnlyListClientFixture) ?? []).Select(AdminClientEndpoints.WithSecret).ToList(),
            ClientScopes = rep["clientScopes"]?.Deserialize(BrokerJson.Default.IReadOnlyListClientScopeRepresentation) ?? [],
            Users = (rep["users"] as JsonArray ?? []).OfType<JsonObject>().Select(User).ToList(),
            IdentityProviders = (rep["identityProviders"] as JsonArray ?? []).OfType<JsonObject>().Select(p => IdentityProvider(p, mappers)).ToList(),
        };
    }

    private static UserFixture User(JsonObject user) => new()
    {
        Id = Guid.TryParse(Text(user, "id"), out var id) ? id : null,
        Username = Text(user, "username") ?? "",
        Email = Text(user, "email"),
        FirstName = Text(user, "firstName"),
        LastName = Text(user, "lastName"),
        Enabled = Bool(user, "enabled") ?? false,
        Password = (user["credentials"] as JsonArray ?? []).OfType<JsonObject>().Where(c => Text(c, "type") == "password").Select(c => Text(c, "value")).FirstOrDefault(),
        RealmRoles = user["realmRoles"]?.Deserialize(BrokerJson.Default.IReadOnlyListString) ?? [],
        ClientRoles = user["clientRoles"]?.Deserialize(BrokerJson.Default.IReadOnlyDictionaryStringIReadOnlyListString) ?? new Dictionary<string, IReadOnlyList<string>>(),
    };

    public static IdentityProviderFixture IdentityProvider(JsonObject idp, JsonArray mappers)
    {
        var alias = Text(idp, "alias") ?? "";
        var config = idp["config"] as JsonObject ?? [];
        return new IdentityProviderFixture
        {
            Alias = alias,
            DisplayName = Text(idp, "displayName"),
            Issuer = Text(config, "issuer") ?? "",
            ClientId = Text(config, "clientId") ?? "",
            ClientSecret = Text(config, "clientSecret") ?? "",
            ClientAuthMethod = Text(config, "clientAuthMethod") ?? "client_secret_basic",
            DefaultScope = Text(config, "defaultScope") ?? "openid",
            Mappers = mappers.OfType<JsonObject>().Where(m => Text(m, "identityProviderAlias") == alias).Select(Mapper).ToList(),
        };
    }

    // Keycloak's "Claim to Role" mapper: config claim, claim.value and role ("client.role" for a client role).
    public static IdpMapperFixture Mapper(JsonObject mapper)
    {
        var config = mapper["config"] as JsonObject ?? [];
        var role = Text(config, "role") ?? "";
        return new IdpMapperFixture
        {
            Id = Text(mapper, "id") ?? Guid.NewGuid().ToString(),
            Name = Text(mapper, "name") ?? "",
            Claim = Text(config, "claim") ?? "",
            ClaimValue = Text(config, "claim.value") ?? "",
            ClientRole = role.Contains('.', StringComparison.Ordinal) ? role : null,
            RealmRole = role.Contains('.', StringComparison.Ordinal) ? null : role,
        };
    }

    public static string? Text(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static bool? Bool(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    private static int? Int(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;
}
