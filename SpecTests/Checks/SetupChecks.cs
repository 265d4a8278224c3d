namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>
/// The broker set-up check, each finding with what to change in the broker, judged in its step's
/// file (<see cref="Step03BrokerIssuer"/>, <see cref="Step16RealmPublicKey"/>, <see cref="Step19UserTokens"/>).
/// (The redirect URI and web origin are judged where they show: steps 4 and 15; the audience at step 16.)
/// </summary>
public static class SetupChecks
{
    public const string IssuerId = "s3.setup.issuer";
    public const string PasswordGrantId = "s19.setup.password-grant";

    public static IEnumerable<Check> Evaluate(SetupEvidence e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var checks = new[] { Step03BrokerIssuer.Evaluate(e.Broker), Step16RealmPublicKey.Evaluate(e), Step19UserTokens.AdminRole(e), Step19UserTokens.PasswordGrant(e) };
        return checks.OfType<Check>().Select(c => c.InPhase("setup"));
    }
}
