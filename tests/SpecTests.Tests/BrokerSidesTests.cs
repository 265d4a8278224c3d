using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.SpecTests.Checks;

namespace PbenchAuthSpec.SpecTests.Tests;

/// <summary>
/// Fix texts of steps 2 and 3 when the target and the broker disagree on the broker's name: they
/// come from the values seen on each side and never tell the user to set what is already set.
/// </summary>
public sealed class BrokerSidesTests
{
    private const string Trusted = "http://localhost:8180/realms/pbench-server";
    private const string Announced = "http://127.0.0.1:8180/realms/pbench-server";

    private static BrokerFacts Broker() => new()
    {
        RealmUrl = Trusted,
        DiscoveredIssuer = Announced,
        AuthorizationEndpoint = Announced + "/protocol/openid-connect/auth",
        TokenEndpoint = Announced + "/protocol/openid-connect/token",
    };

    [Test]
    public void Step_2_s_fix_names_both_sides_and_never_the_value_the_target_already_has()
    {
        var fix = BrokerSides.AuthUriFix(Trusted + "/protocol/openid-connect/auth", Broker());

        fix.Should().StartWith("the target trusts http://localhost:8180 but the broker announces http://127.0.0.1:8180: set the broker's frontend URL")
            .And.Contain("to http://localhost:8180")
            .And.Contain("set the target's [openid] server_url to http://127.0.0.1:8180")
            .And.NotContain("server_url to http://localhost:8180");
    }

    [Test]
    public void Step_3_s_issuer_fix_says_which_side_to_change_to_what()
    {
        var fix = BrokerSides.IssuerFix(Broker());

        fix.Should().Be(BrokerSides.AuthUriFix(Trusted + "/protocol/openid-connect/auth", Broker()), "both steps see the same disagreement");
        fix.Should().Contain($"(and run with --broker {Announced})");
    }

    [Test]
    public void A_target_pointing_at_another_realm_is_told_the_realm_given_as_broker()
    {
        var fix = BrokerSides.AuthUriFix("https://sso.example.com/realms/other/protocol/openid-connect/auth", Broker() with { AuthorizationEndpoint = Trusted + "/protocol/openid-connect/auth", DiscoveredIssuer = Trusted });

        fix.Should().Be("the target sends browsers to https://sso.example.com/realms/other/protocol/openid-connect/auth, not to the realm given as --broker (http://localhost:8180/realms/pbench-server): set the target's [openid] server_url to http://localhost:8180 and realm to pbench-server, or run with --broker https://sso.example.com/realms/other if that is the realm it really trusts");
    }
}
