using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.SpecTests.Settings;

namespace PbenchAuthSpec.SpecTests.Tests;

/// <summary>Settings: defaults, config file, PBENCH_AUTH_SPEC_* overrides, and one-line errors that name the setting.</summary>
public sealed class SettingsTests
{
    private static readonly string[] KnownDefects = ["accept-expired", "broker-wrong-iss"];

    private static SpecSettings Load(params (string Name, string Value)[] env) =>
        SpecSettingsLoader.Load(env.ToDictionary(e => e.Name == "DISPLAY" ? e.Name : "PBENCH_AUTH_SPEC_" + e.Name, e => (string?)e.Value), KnownDefects);

    [Test]
    public void The_default_is_the_embedded_run_with_the_reference_server_catalogue()
    {
        var settings = Load();

        settings.IsEmbedded.Should().BeTrue();
        settings.Profile.Should().Be("pbench");
        settings.Dashboard.Should().Be("plain");
        settings.Catalogue.Should().EndWith(Path.Combine("fixtures", "targets", "reference-server.json"));
        settings.Users.Login.Username.Should().Be("alice");
        Path.IsPathRooted(settings.Artifacts).Should().BeTrue();
    }

    [Test]
    public void Flags_reach_the_settings_as_environment_variables()
    {
        var settings = Load(("TARGET", "https://pbench.example.com"), ("BROKER", "https://sso.example.com/realms/pbench-server"), ("PROFILE", "diagram"),
            ("DASHBOARD", "none"), ("STRICT", "true"), ("UNTIL_STEP", "12"), ("HEADLESS", "false"), ("DISPLAY", ":0"), ("SLOW_MO", "250"), ("OTHER_PASSWORD", "pw"), ("VAR_DATASET", "ds-1"));

        settings.IsEmbedded.Should().BeFalse();
        settings.ProtocolModeOn.Should().BeTrue();
        settings.Strict.Should().BeTrue();
        settings.UntilStep.Should().Be(12);
        settings.Browser.Headless.Should().BeFalse();
        settings.Browser.SlowMo.Should().Be(250);
        settings.Users.Other.Password.Should().Be("pw");
        settings.Variables.Should().Contain("DATASET", "ds-1");
        settings.Catalogue.Should().EndWith("pbench.json", "an external target defaults to Pbench's own catalogue");
    }

    [TestCase("TARGET=https://pbench.example.com", "--broker is required with --target (the realm URL the target trusts, e.g. https://sso.example.com/realms/pbench-server).")]
    [TestCase("TARGET=pbench.example.com", "--target 'pbench.example.com' is not a URL*")]
    [TestCase("TARGET=https://p.example.com;BROKER=https://sso.example.com/auth", "--broker 'https://sso.example.com/auth' is not a realm URL*")]
    [TestCase("BROKER=https://sso.example.com/realms/x", "--broker https://sso.example.com/realms/x needs --target*")]
    [TestCase("PROFILE=literal", "--profile 'literal' is unknown*")]
    [TestCase("DASHBOARD=react", "--dashboard 'react' is unknown: use one of kc, pbench, plain, or --no-dashboard for protocol mode.")]
    [TestCase("UNTIL_STEP=21", "--until-step 21 is out of range*")]
    [TestCase("UNTIL_STEP=x", "PBENCH_AUTH_SPEC_UNTIL_STEP=x: expected a whole number.")]
    [TestCase("STRICT=maybe", "PBENCH_AUTH_SPEC_STRICT=maybe: expected true or false.")]
    [TestCase("TRACE=always", "--trace 'always' is unknown*")]
    [TestCase("DEFECTS=no-such-defect", "--defect 'no-such-defect' is not in fixtures/defects.json*")]
    [TestCase("DEFECTS=accept-expired;TARGET=https://p.example.com;BROKER=https://s.example.com/realms/r", "--defect accept-expired works only with the embedded target*")]
    [TestCase("CATALOGUE=/no/such/catalogue.json", "--catalogue /no/such/catalogue.json: no such file*")]
    [TestCase("SLOW_MO=-5", "--slow-mo -5 is negative*")]
    [TestCase("IDP=sso.example.com", "--idp 'sso.example.com' is not a URL*")]
    [TestCase("BROKER_PORT=70000", "--broker-port 70000 is not a port*")]
    [TestCase("IDP=https://sso.example.com;TARGET=https://p.example.com;BROKER=https://s.example.com/realms/r", "--idp and the --*-port flags are for the embedded stand-ins*")]
    [TestCase("KEYCLOAK_VERSION=24;TARGET=https://p.example.com;BROKER=https://s.example.com/realms/r", "--keycloak-version 24 works only with the embedded target*")]
    [TestCase("KEYCLOAK_VERSION=0", "--keycloak-version 0 is not a Keycloak major version*")]
    [TestCase("KEYCLOAK_VERSION=twenty", "PBENCH_AUTH_SPEC_KEYCLOAK_VERSION=twenty: expected a whole number.")]
    [TestCase("LOGIN_PASSWORD=", "the login user has no password (users.login, PBENCH_AUTH_SPEC_LOGIN_USERNAME / PBENCH_AUTH_SPEC_LOGIN_PASSWORD): give the user who signs in at the IdP.")]
    [TestCase("HEADLESS=false", "--headed needs a display and DISPLAY is not set: run under Xvfb (xvfb-run ./pbench-auth-spec run --headed …) or drop --headed.")]
    public void A_wrong_setting_fails_with_one_line_naming_it(string env, string message)
    {
        var pairs = env.Split(';').Select(p => p.Split('=', 2)).Select(p => (p[0], p[1])).ToArray();

        var load = () => Load(pairs);

        var thrown = load.Should().Throw<SpecSettingsException>().WithMessage(message).Which;
        thrown.Message.Should().NotContain("\n");
    }

    [Test]
    public void An_idp_issuer_and_fixed_ports_reach_the_embedded_settings()
    {
        var settings = Load(("IDP", "https://sso.example.com/realms/corp"), ("IDP_PORT", "8180"), ("BROKER_PORT", "8280"), ("TARGET_PORT", "8380"));

        settings.Idp.Should().Be("https://sso.example.com/realms/corp");
        settings.Ports.Should().Be(new StandInPorts { Idp = 8180, Broker = 8280, Target = 8380 });
    }

    [Test]
    public void The_keycloak_version_reaches_the_embedded_run_and_defaults_to_the_fixtures()
    {
        Load(("KEYCLOAK_VERSION", "24")).KeycloakVersion.Should().Be(24);
        Load().KeycloakVersion.Should().BeNull("MockBroker's fixture says 26");
    }

    [TestCase("""{"dashboard": "mine", "dashboards": {"mine": {"path": "dashboard/"}}}""", "dashboards.mine.path 'dashboard/' must start with /*")]
    [TestCase("""{"dashboard": "mine", "dashboards": {"mine": {"loggedInMatch": "regex"}}}""", "dashboards.mine.loggedInMatch 'regex' is unknown: use equals or contains.")]
    [TestCase("""{"dashboards": {"plain": {"logout": "#logout"}}}""", "*unknown or malformed setting at $.dashboards.plain.logout*")]
    public void A_wrong_dashboard_preset_in_the_config_is_named(string json, string message)
    {
        var file = Path.Combine(Path.GetTempPath(), $"spec-config-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, json);
        try
        {
            var load = () => Load(("CONFIG", file));

            load.Should().Throw<SpecSettingsException>().WithMessage(message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void An_unknown_key_in_the_config_file_is_named()
    {
        var parse = () => SpecSettingsLoader.Parse("""{"browser": {"headles": true}}""", "my.json");

        parse.Should().Throw<SpecSettingsException>().WithMessage("my.json (line 1, column *): unknown or malformed setting at $.browser.headles*");
    }

    [Test]
    public void The_config_file_is_read_from_PBENCH_AUTH_SPEC_CONFIG_and_environment_wins_over_it()
    {
        var file = Path.Combine(Path.GetTempPath(), $"spec-config-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """{"profile": "diagram", "strict": true, "browser": {"slowMo": 100}}""");
        try
        {
            var settings = Load(("CONFIG", file), ("SLOW_MO", "5"));

            settings.Profile.Should().Be("diagram");
            settings.Strict.Should().BeTrue();
            settings.Browser.SlowMo.Should().Be(5);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void The_repository_config_file_parses_with_the_documented_defaults()
    {
        var path = Path.Combine(Path.GetDirectoryName(Protocol.FixturePaths.Directory)!, "playwright.config.json");

        var settings = SpecSettingsLoader.Parse(File.ReadAllText(path), path);

        settings.Should().BeEquivalentTo(new SpecSettings(), o => o.Excluding(s => s.Catalogue));
    }

    [Test]
    public void A_malformed_config_file_is_named_with_its_line_and_column()
    {
        var parse = () => SpecSettingsLoader.Parse("{\n  \"profile\": \"pbench\",\n  \"strict\": tru\n}", "playwright.config.json");

        parse.Should().Throw<SpecSettingsException>().WithMessage("playwright.config.json (line 3, column *): *").Which.Message.Should().NotContain("\n");
    }

    [Test]
    public void An_empty_password_variable_means_none_not_the_fixture_default()
    {
        var settings = Load(("OTHER_PASSWORD", ""), ("ADMIN_USERNAME", "root"));

        settings.Users.Other.Password.Should().BeNull();
        settings.Users.Other.Usable.Should().BeFalse();
        settings.Users.Admin.Username.Should().Be("root");
        settings.Users.Admin.Password.Should().Be("admin-password", "a variable not set keeps the configured value");
    }

    [Test]
    public void A_display_lets_headed_runs_through()
    {
        var env = new Dictionary<string, string?> { ["PBENCH_AUTH_SPEC_HEADLESS"] = "false", ["DISPLAY"] = ":99" };

        SpecSettingsLoader.Load(env, KnownDefects).Browser.Headless.Should().BeFalse();
    }

    [Test]
    public void A_foreign_broker_never_gets_a_fixture_password()
    {
        var foreign = Load(("TARGET", "https://pbench.example.com"), ("BROKER", "https://sso.example.com/realms/pbench-server"));

        var require = () => ForeignCredentials.Require(foreign);

        require.Should().Throw<SpecSettingsException>().WithMessage("PBENCH_AUTH_SPEC_LOGIN_USERNAME and PBENCH_AUTH_SPEC_LOGIN_PASSWORD must name a real user of the IdP behind https://sso.example.com/realms/pbench-server*fixture passwords are never sent*");
    }

    [Test]
    public void A_fixture_password_given_explicitly_in_the_environment_is_the_users_to_send()
    {
        var given = Load(("TARGET", "https://p.example.com"), ("BROKER", "https://s.example.com/realms/r"), ("LOGIN_USERNAME", "alice"), ("LOGIN_PASSWORD", "alice-password"),
            ("OTHER_PASSWORD", "bob-password"), ("ADMIN_PASSWORD", "admin-password"));

        var kept = ForeignCredentials.Require(given);

        kept.Users.Login.Password.Should().Be("alice-password");
        kept.Users.Other.Password.Should().Be("bob-password");
    }

    [Test]
    public void A_foreign_broker_needs_real_other_and_admin_users_or_an_explicit_none()
    {
        var fixtureOther = Load(("TARGET", "https://p.example.com"), ("BROKER", "https://s.example.com/realms/r"), ("LOGIN_USERNAME", "jane"), ("LOGIN_PASSWORD", "secret"));
        var none = Load(("TARGET", "https://p.example.com"), ("BROKER", "https://s.example.com/realms/r"), ("LOGIN_USERNAME", "jane"), ("LOGIN_PASSWORD", "secret"), ("OTHER_PASSWORD", ""), ("ADMIN_PASSWORD", ""));

        var fixture = () => ForeignCredentials.Require(fixtureOther);
        var kept = ForeignCredentials.Require(none);

        fixture.Should().Throw<SpecSettingsException>().WithMessage("PBENCH_AUTH_SPEC_OTHER_USERNAME and PBENCH_AUTH_SPEC_OTHER_PASSWORD are the fixture's ('bob')*set PBENCH_AUTH_SPEC_OTHER_PASSWORD= (empty) for none*");
        kept.Users.Login.Password.Should().Be("secret");
        kept.Users.BrokerAdmin.Should().BeNull("no broker admin was set (BrokerAdminCredentialTests)");
        kept.Users.OtherRealm.Should().BeNull("the other realm's user is the fixture's");
    }
}
