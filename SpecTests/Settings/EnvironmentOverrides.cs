namespace PbenchAuthSpec.SpecTests.Settings;

/// <summary>
/// <c>PBENCH_AUTH_SPEC_*</c> environment variables over the configuration file. <c>./pbench-auth-spec run</c>
/// turns its flags into these, so a flag, a variable and a config key are the same setting.
/// docs/run.md ("Settings") lists them all.
/// </summary>
public static class EnvironmentOverrides
{
    public const string Prefix = "PBENCH_AUTH_SPEC_";
    public const string VariablePrefix = Prefix + "VAR_";

    public static SpecSettings Apply(SpecSettings s, IReadOnlyDictionary<string, string?> env)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(env);
        string? Get(string name) => env.TryGetValue(Prefix + name, out var v) && !string.IsNullOrEmpty(v) ? v : null;

        s = s with
        {
            Target = Get("TARGET") ?? s.Target,
            Broker = Get("BROKER") ?? s.Broker,
            Idp = Get("IDP") ?? s.Idp,
            Ports = new StandInPorts
            {
                Idp = Int(Get("IDP_PORT"), "IDP_PORT") ?? s.Ports.Idp,
                Broker = Int(Get("BROKER_PORT"), "BROKER_PORT") ?? s.Ports.Broker,
                Target = Int(Get("TARGET_PORT"), "TARGET_PORT") ?? s.Ports.Target,
            },
            Profile = Get("PROFILE") ?? s.Profile,
            Dashboard = Get("DASHBOARD") ?? s.Dashboard,
            Catalogue = Get("CATALOGUE") ?? s.Catalogue,
            Artifacts = Get("ARTIFACTS") ?? s.Artifacts,
            RunDirectory = Get("RUN_DIR") ?? s.RunDirectory,
            Trace = Get("TRACE") ?? s.Trace,
            Strict = Bool(Get("STRICT"), "STRICT") ?? s.Strict,
            KnownFailures = Get("KNOWN_FAILURES") ?? s.KnownFailures,
            WriteKnownFailures = Get("WRITE_KNOWN_FAILURES") ?? s.WriteKnownFailures,
            BrokerAdminChanges = Bool(Get("BROKER_ADMIN_CHANGES"), "BROKER_ADMIN_CHANGES") ?? s.BrokerAdminChanges,
            WaitForExpiry = Bool(Get("WAIT_FOR_EXPIRY"), "WAIT_FOR_EXPIRY") ?? s.WaitForExpiry,
            UntilStep = Int(Get("UNTIL_STEP"), "UNTIL_STEP") ?? s.UntilStep,
            KeycloakVersion = Int(Get("KEYCLOAK_VERSION"), "KEYCLOAK_VERSION") ?? s.KeycloakVersion,
            Defects = Get("DEFECTS") is { } defects ? defects.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : s.Defects,
            Browser = s.Browser with
            {
                Headless = Bool(Get("HEADLESS"), "HEADLESS") ?? s.Browser.Headless,
                SlowMo = Int(Get("SLOW_MO"), "SLOW_MO") ?? s.Browser.SlowMo,
                ExecutablePath = Get("CHROMIUM") ?? s.Browser.ExecutablePath,
                IgnoreHttpsErrors = Bool(Get("IGNORE_HTTPS_ERRORS"), "IGNORE_HTTPS_ERRORS") ?? s.Browser.IgnoreHttpsErrors,
            },
            BrokerPage = s.BrokerPage with { IdpAlias = Get("IDP_ALIAS") ?? s.BrokerPage.IdpAlias },
            Users = Users(s.Users, Get, env),
            Variables = Variables(s.Variables, env),
        };
        return s;
    }

    private static UserSettings Users(UserSettings users, Func<string, string?> get, IReadOnlyDictionary<string, string?> env) => BrokerAdmin(users with
    {
        Login = User(users.Login, "LOGIN", get, env),
        Other = User(users.Other, "OTHER", get, env),
        Admin = User(users.Admin, "ADMIN", get, env),
        OtherRealmUser = User(users.OtherRealmUser, "OTHER_REALM", get, env),
        // An empty PBENCH_AUTH_SPEC_OTHER_REALM says the broker has no second realm.
        OtherRealm = env.TryGetValue(Prefix + "OTHER_REALM", out var realm) && realm is not null ? NullIfEmpty(realm) : users.OtherRealm,
    }, env);

    // Credentials toward someone's broker are the user's alone: a variable set to "" means none
    // (not "fall back to a default"), and each source is named in the report.
    private static UserSettings BrokerAdmin(UserSettings users, IReadOnlyDictionary<string, string?> env)
    {
        env.TryGetValue(Prefix + "BROKER_ADMIN_USERNAME", out var username);
        env.TryGetValue(Prefix + "BROKER_ADMIN_PASSWORD", out var password);
        if (username is not null)
        {
            var from = password is null ? $"{Prefix}BROKER_ADMIN_USERNAME (password: {users.BrokerAdminSource ?? "none"})" : BrokerAdminCredentials.Variables;
            return users with
            {
                BrokerAdmin = new UserCredential { Username = username, Password = password ?? users.BrokerAdmin?.Password },
                BrokerAdminSource = username.Length == 0 ? $"{Prefix}BROKER_ADMIN_USERNAME is empty" : from,
            };
        }

        return password is null ? users : users with
        {
            BrokerAdmin = new UserCredential { Username = users.BrokerAdmin?.Username ?? "", Password = password },
            BrokerAdminSource = $"{users.BrokerAdminSource ?? "no username set"}, password from {Prefix}BROKER_ADMIN_PASSWORD",
        };
    }

    // A variable set but empty says "none", never "the default": an empty password must not fall back to the fixture's.
    private static UserCredential User(UserCredential user, string role, Func<string, string?> get, IReadOnlyDictionary<string, string?> env) => user with
    {
        Username = Given(env, role + "_USERNAME") ? get(role + "_USERNAME") ?? "" : user.Username,
        Password = Given(env, role + "_PASSWORD") ? get(role + "_PASSWORD") : user.Password,
        Given = user.Given || Given(env, role + "_PASSWORD"),
    };

    private static bool Given(IReadOnlyDictionary<string, string?> env, string name) => env.TryGetValue(Prefix + name, out var value) && value is not null;

    private static Dictionary<string, string> Variables(IReadOnlyDictionary<string, string> configured, IReadOnlyDictionary<string, string?> env)
    {
        var result = new Dictionary<string, string>(configured, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in env)
        {
            if (name.StartsWith(VariablePrefix, StringComparison.Ordinal) && value is not null)
            {
                result[name[VariablePrefix.Length..]] = value;
            }
        }

        return result;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static bool? Bool(string? value, string name) => value?.ToUpperInvariant() switch
    {
        null => null,
        "1" or "TRUE" or "YES" or "ON" => true,
        "0" or "FALSE" or "NO" or "OFF" => false,
        _ => throw new SpecSettingsException($"{Prefix}{name}={value}: expected true or false."),
    };

    private static int? Int(string? value, string name) =>
        value is null ? null
        : int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n
        : throw new SpecSettingsException($"{Prefix}{name}={value}: expected a whole number.");
}
