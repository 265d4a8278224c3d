namespace PbenchAuthSpec.SpecTests.Settings;

/// <summary>
/// The fixture users' passwords work on the stand-ins only (embedded, or a MockBroker started by
/// serve, recognised by its fixture key). Against a foreign broker they are never sent: the login
/// user (who signs in at the IdP) and the other and admin users (password grant) must be given;
/// an empty variable says "none" for the other and admin users (their rows are then skipped); the
/// other realm's user is dropped when left at its fixture values. A fixture password given
/// explicitly in the environment is sent (a foreign broker in front of MockIdp, as the self-tests
/// run it). The broker admin is <see cref="BrokerAdminCredentials"/>'s.
/// </summary>
public static class ForeignCredentials
{
    private static readonly UserSettings Fixture = new();

    public static SpecSettings Require(SpecSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var users = settings.Users;
        var login = users.Login;
        if (!login.Usable || IsFixture(login))
        {
            throw new SpecSettingsException(
                $"{EnvironmentOverrides.Prefix}LOGIN_USERNAME and {EnvironmentOverrides.Prefix}LOGIN_PASSWORD must name a real user of the IdP behind {settings.Broker}: "
                + $"the login user's password is {(login.Usable ? "the fixture's" : "empty")}, and fixture passwords are never sent to a foreign broker or IdP.");
        }

        foreach (var (role, user) in new[] { ("OTHER", users.Other), ("ADMIN", users.Admin) })
        {
            if (IsFixture(user))
            {
                throw new SpecSettingsException(
                    $"{EnvironmentOverrides.Prefix}{role}_USERNAME and {EnvironmentOverrides.Prefix}{role}_PASSWORD are the fixture's ('{user.Username}'): set a real user of the realm {settings.Broker}, "
                    + $"or set {EnvironmentOverrides.Prefix}{role}_PASSWORD= (empty) for none (step 19's rows for that user are then skipped).");
            }
        }

        return settings with
        {
            Users = users with
            {
                OtherRealmUser = IsFixture(users.OtherRealmUser) ? users.OtherRealmUser with { Password = null } : users.OtherRealmUser,
                OtherRealm = IsFixture(users.OtherRealmUser) && users.OtherRealm == Fixture.OtherRealm ? null : users.OtherRealm,
            },
        };
    }

    // A fixture password the user gave explicitly in the environment is theirs to send.
    private static bool IsFixture(UserCredential user) =>
        !user.Given && user.Password is { Length: > 0 } password
        && new[] { Fixture.Login, Fixture.Other, Fixture.Admin, Fixture.OtherRealmUser }.Any(f => f.Password == password);
}
