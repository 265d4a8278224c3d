using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.SpecTests.Settings;

namespace PbenchAuthSpec.SpecTests.Tests;

/// <summary>
/// Broker admin credentials go to a broker only when the user set them (config or environment);
/// an empty variable means none; the stand-ins keep their built-in admin; the source is named.
/// </summary>
public sealed class BrokerAdminCredentialTests
{
    private const string Foreign = "TARGET=https://pbench.example.com;BROKER=https://sso.example.com/realms/pbench-server";

    private static SpecSettings Load(string env, string? configFile = null)
    {
        var pairs = env.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => "PBENCH_AUTH_SPEC_" + p[0], p => (string?)p[1]);
        if (configFile is not null)
        {
            pairs["PBENCH_AUTH_SPEC_CONFIG"] = configFile;
        }

        return SpecSettingsLoader.Load(pairs, ["accept-expired"]);
    }

    [Test]
    public void A_foreign_broker_gets_no_credentials_when_the_user_set_none()
    {
        var admin = BrokerAdminCredentials.For(Load(Foreign).Users, standInBroker: false);

        admin.Credential.Should().BeNull("the stand-ins' kc-admin must not reach someone's Keycloak");
        admin.Source.Should().Contain("none set (PBENCH_AUTH_SPEC_BROKER_ADMIN_USERNAME/PASSWORD or users.brokerAdmin in --config)");
    }

    [Test]
    public void The_embedded_stack_and_a_served_MockBroker_keep_the_built_in_admin_and_say_so()
    {
        var admin = BrokerAdminCredentials.For(Load("").Users, standInBroker: true);

        admin.Credential.Should().Be(BrokerAdminCredentials.StandInAdmin);
        admin.Source.Should().Contain("the stand-ins' built-in admin");
    }

    [Test]
    public void Credentials_from_the_environment_are_used_and_named_as_such()
    {
        var admin = BrokerAdminCredentials.For(Load(Foreign + ";BROKER_ADMIN_USERNAME=ops;BROKER_ADMIN_PASSWORD=s3cret").Users, standInBroker: false);

        admin.Credential.Should().Be(new UserCredential { Username = "ops", Password = "s3cret" });
        admin.Source.Should().Be("PBENCH_AUTH_SPEC_BROKER_ADMIN_USERNAME/PASSWORD");
    }

    [Test]
    public void An_empty_username_variable_means_none_even_with_a_config_file_and_a_stand_in()
    {
        var file = Path.Combine(Path.GetTempPath(), $"spec-config-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """{"users": {"brokerAdmin": {"username": "ops", "password": "from-file"}}}""");
        try
        {
            var fromFile = BrokerAdminCredentials.For(Load(Foreign, file).Users, standInBroker: false);
            var emptied = BrokerAdminCredentials.For(Load(Foreign + ";BROKER_ADMIN_USERNAME=", file).Users, standInBroker: true);

            fromFile.Credential.Should().Be(new UserCredential { Username = "ops", Password = "from-file" });
            fromFile.Source.Should().Be($"{file} (users.brokerAdmin)");
            emptied.Credential.Should().BeNull("an empty variable is 'none', not 'the default'");
            emptied.Source.Should().Contain("PBENCH_AUTH_SPEC_BROKER_ADMIN_USERNAME is empty");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void A_username_without_a_password_is_none_and_says_which_is_missing()
    {
        var admin = BrokerAdminCredentials.For(Load(Foreign + ";BROKER_ADMIN_USERNAME=ops").Users, standInBroker: true);

        admin.Credential.Should().BeNull();
        admin.Source.Should().Contain("gives 'ops' no password");
    }
}
