using PbenchAuthSpec.MockBroker.Endpoints;
using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.MockBroker.State;
using PbenchAuthSpec.MockBroker.Tokens;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Admin;

/// <summary>
/// <c>/admin/realms/{realm}/users</c>: search, count, create, read, update, delete, reset a
/// password, and the federated identities step 11 reads. Keycloak:
/// services/src/main/java/org/keycloak/services/resources/admin/UsersResource.java and UserResource.java.
/// </summary>
internal sealed class AdminUserEndpoints(AdminGuard guard)
{
    private const string Base = "/admin/realms/{realm}/users";

    public void Map(WebApplication app)
    {
        app.MapGet(Base, (HttpContext http, string realm) => guard.InRealm(http, realm, r => SearchAsync(http, r)));
        app.MapGet(Base + "/count", (HttpContext http, string realm) => guard.InRealm(http, realm, r => CountAsync(http, r)));
        app.MapPost(Base, (HttpContext http, string realm) => guard.InRealm(http, realm, r => CreateAsync(http, r)));
        app.MapGet(Base + "/{id}", (HttpContext http, string realm, string id) => guard.InRealm(http, realm, r => WithUser(http, r, id, u =>
            BrokerHttp.JsonAsync(http, UserRepresentation.From(u) with { FederatedIdentities = u.FederatedIdentities }, BrokerJson.Relaxed.UserRepresentation))));
        app.MapPut(Base + "/{id}", (HttpContext http, string realm, string id) => guard.InRealm(http, realm, r => WithUser(http, r, id, u => UpdateAsync(http, r, u))));
        app.MapDelete(Base + "/{id}", (HttpContext http, string realm, string id) => guard.InRealm(http, realm, r => WithUser(http, r, id, u =>
        {
            r.Users.Remove(u.Id);
            r.Sessions.EndAllOf(u.Id);
            return AdminGuard.NoContent(http);
        })));
        app.MapPut(Base + "/{id}/reset-password", (HttpContext http, string realm, string id) => guard.InRealm(http, realm, r => WithUser(http, r, id, u => ResetPasswordAsync(http, r, u))));
        app.MapGet(Base + "/{id}/federated-identity", (HttpContext http, string realm, string id) => guard.InRealm(http, realm, r => WithUser(http, r, id, u =>
            BrokerHttp.JsonAsync(http, u.FederatedIdentities, BrokerJson.Relaxed.IReadOnlyListFederatedIdentity))));
    }

    public static Task WithUser(HttpContext http, Realm realm, string id, Func<BrokerUser, Task> found) =>
        Guid.TryParse(id, out var guid) && realm.Users.ById(guid) is { ServiceAccountClientId: null } user
            ? found(user)
            : AdminGuard.NotFound(http, "User not found");

    /// <summary>
    /// Keycloak: <c>search</c> over username, email, first and last name; otherwise
    /// <c>username</c>, <c>email</c>, <c>firstName</c>, <c>lastName</c> by substring unless
    /// <c>exact=true</c>, <c>enabled</c>, <c>emailVerified</c>, <c>idpAlias</c>/<c>idpUserId</c>; <c>first</c>/<c>max</c> page.
    /// </summary>
    private static Task SearchAsync(HttpContext http, Realm realm)
    {
        if (Filter(http, realm, withPaging: true) is not { } found)
        {
            return AdminGuard.BadRequest(http, "first and max must be non-negative integers; exact, enabled and emailVerified true or false");
        }

        return BrokerHttp.JsonAsync(http, found.Select(UserRepresentation.From).ToList(), BrokerJson.Relaxed.ListUserRepresentation);
    }

    // Keycloak's users/count takes search, username, email, firstName, lastName, enabled and
    // emailVerified (not the identity-provider filters) and answers a bare integer.
    private static Task CountAsync(HttpContext http, Realm realm)
    {
        if (Filter(http, realm, withPaging: false) is not { } found)
        {
            return AdminGuard.BadRequest(http, "enabled and emailVerified must be true or false");
        }

        return BrokerHttp.JsonAsync(http, System.Text.Encoding.ASCII.GetBytes(found.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static List<BrokerUser>? Filter(HttpContext http, Realm realm, bool withPaging)
    {
        var query = ProtocolParameters.FromQuery(http.Request);
        if (query.Parameters is not { } p || !TryInt(p["first"], 0, out var first) || !TryInt(p["max"], 100, out var max)
            || !TryBool(p["exact"], out var exactFlag) || !TryBool(p["enabled"], out var enabled) || !TryBool(p["emailVerified"], out var verified))
        {
            return null;
        }

        var exact = exactFlag ?? false;
        var search = p["search"];
        var idpAlias = withPaging ? p["idpAlias"] : null;
        var idpUserId = withPaging ? p["idpUserId"] : null;
        var users = realm.Users.All().Where(u =>
            (search is null ? Matches(u.Username, p["username"], exact) && Matches(u.Email, p["email"], exact) && Matches(u.FirstName, p["firstName"], exact) && Matches(u.LastName, p["lastName"], exact)
                : search == "*" || Matches(u.Username, search, false) || Matches(u.Email, search, false) || Matches(u.FirstName, search, false) || Matches(u.LastName, search, false))
            && (enabled is null || u.Enabled == enabled)
            && (verified is null || u.EmailVerified == verified)
            && (idpAlias is null || u.FederatedIdentities.Any(f => f.IdentityProvider == idpAlias && (idpUserId is null || f.UserId == idpUserId)))
            && (idpUserId is null || u.FederatedIdentities.Any(f => f.UserId == idpUserId)));
        return withPaging ? users.Skip(first).Take(max).ToList() : users.ToList();
    }

    private async Task CreateAsync(HttpContext http, Realm realm)
    {
        var body = await AdminGuard.ReadAsync(http, BrokerJson.Default.UserRepresentation);
        if (body is null)
        {
            return;
        }

        if (body.Username is not { Length: > 0 and <= 255 } username)
        {
            await AdminGuard.BadRequest(http, "username is required");
            return;
        }

        var password = body.Credentials?.FirstOrDefault(c => c.Type == "password");
        var user = new BrokerUser
        {
            Id = Guid.NewGuid(),
            Username = username.ToLowerInvariant(),
            Email = body.Email,
            FirstName = body.FirstName,
            LastName = body.LastName,
            Enabled = body.Enabled ?? false,
            EmailVerified = body.EmailVerified ?? false,
            Password = password?.Value,
            RequiredActions = WithPasswordAction(body.RequiredActions ?? [], password),
            CreatedTimestamp = guard.Broker.Clock.GetUtcNow().ToUnixTimeMilliseconds(),
            FederatedIdentities = body.FederatedIdentities ?? [],
        };
        if (realm.Users.TryAdd(user) is { } conflict)
        {
            await AdminGuard.Conflict(http, conflict);
            return;
        }

        await AdminGuard.Created(http, $"{AdminGuard.AdminUrl(realm)}/users/{user.Id}");
    }

    // Keycloak's UserResource.updateUser: the fields present change; credentials in the body set the password.
    private static async Task UpdateAsync(HttpContext http, Realm realm, BrokerUser user)
    {
        var merged = await AdminGuard.MergeAsync(http, UserRepresentation.From(user), BrokerJson.Default.UserRepresentation);
        if (merged is null)
        {
            return;
        }

        if (merged.Username is { } renamed && !string.Equals(renamed, user.Username, StringComparison.OrdinalIgnoreCase) && realm.Users.ByUsername(renamed) is not null)
        {
            await AdminGuard.Conflict(http, "User exists with same username");
            return;
        }

        if (merged.Email is { } email && !string.Equals(email, user.Email, StringComparison.OrdinalIgnoreCase) && realm.Users.ByEmail(email) is not null)
        {
            await AdminGuard.Conflict(http, "User exists with same email");
            return;
        }

        var password = merged.Credentials?.FirstOrDefault(c => c.Type == "password");
        realm.Users.Update(user with
        {
            Username = (merged.Username ?? user.Username).ToLowerInvariant(),
            Email = merged.Email,
            FirstName = merged.FirstName,
            LastName = merged.LastName,
            Enabled = merged.Enabled ?? user.Enabled,
            EmailVerified = merged.EmailVerified ?? user.EmailVerified,
            Password = password?.Value ?? user.Password,
            RequiredActions = WithPasswordAction(merged.RequiredActions ?? [], password),
        });
        if (merged.Enabled == false)
        {
            // Keycloak: a disabled user's sessions no longer refresh or reach userinfo.
            realm.Sessions.EndAllOf(user.Id);
        }

        await AdminGuard.NoContent(http);
    }

    // Keycloak: PUT reset-password with a CredentialRepresentation; "temporary": true adds UPDATE_PASSWORD.
    private static async Task ResetPasswordAsync(HttpContext http, Realm realm, BrokerUser user)
    {
        var credential = await AdminGuard.ReadAsync(http, BrokerJson.Default.CredentialRepresentation);
        if (credential is null)
        {
            return;
        }

        if (credential.Type is not (null or "password") || string.IsNullOrEmpty(credential.Value))
        {
            await AdminGuard.BadRequest(http, "Missing or invalid password credential");
            return;
        }

        realm.Users.Update(user with { Password = credential.Value, RequiredActions = WithPasswordAction(user.RequiredActions, credential) });
        await AdminGuard.NoContent(http);
    }

    // Keycloak: a temporary password makes "Update Password" a required action; a permanent one clears it.
    private static List<string> WithPasswordAction(IEnumerable<string> actions, CredentialRepresentation? password)
    {
        var rest = actions.Where(a => a != "UPDATE_PASSWORD" || password is null).ToList();
        if (password is { Temporary: true } && !rest.Contains("UPDATE_PASSWORD"))
        {
            rest.Add("UPDATE_PASSWORD");
        }

        return rest;
    }

    private static bool Matches(string? value, string? wanted, bool exact) =>
        wanted is null || (value is not null && (exact ? string.Equals(value, wanted, StringComparison.OrdinalIgnoreCase) : value.Contains(wanted, StringComparison.OrdinalIgnoreCase)));

    private static bool TryInt(string? text, int fallback, out int value)
    {
        value = fallback;
        return text is null || (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value) && value >= 0);
    }

    private static bool TryBool(string? text, out bool? value)
    {
        value = text switch { "true" => true, "false" => false, _ => null };
        return text is null || value is not null;
    }
}
