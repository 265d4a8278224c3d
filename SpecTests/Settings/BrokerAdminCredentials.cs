namespace PbenchAuthSpec.SpecTests.Settings;

/// <summary>
/// The broker admin account a run may send to the broker's master realm, and where it came from
/// (the report shows both). The stand-ins' built-in admin goes only to a broker that is a stand-in:
/// a broker of the user's own gets credentials only when the user set them.
/// </summary>
/// <param name="Credential">The account to log in with; null: none, the admin API is not used.</param>
/// <param name="Source">Where it came from, or why there is none, in the user's words (config key, variable).</param>
public sealed record BrokerAdminCredentials(UserCredential? Credential, string Source)
{
    /// <summary>MockBroker's fixture admin (realm <c>master</c>, fixtures/broker.json).</summary>
    public static readonly UserCredential StandInAdmin = new() { Username = "kc-admin", Password = "kc-admin-password" };

    public const string Variables = "PBENCH_AUTH_SPEC_BROKER_ADMIN_USERNAME/PASSWORD";

    /// <param name="standInBroker">The broker is one of the stand-ins (embedded, or a MockBroker recognised by its key or its test hooks).</param>
    public static BrokerAdminCredentials For(UserSettings users, bool standInBroker)
    {
        ArgumentNullException.ThrowIfNull(users);
        if (users.BrokerAdmin is { } set)
        {
            var source = users.BrokerAdminSource ?? "the settings' users.brokerAdmin";
            return set.Usable ? new(set, source)
                : set.Username.Length == 0 ? new(null, $"none: {source} sets no username")
                : new(null, $"none: {source} gives '{set.Username}' no password");
        }

        return standInBroker
            ? new(StandInAdmin, "the stand-ins' built-in admin (MockBroker's fixture), as the broker is a stand-in")
            : new(null, $"none set ({Variables} or users.brokerAdmin in --config): built-in credentials are never sent to a broker that is not a stand-in");
    }
}
