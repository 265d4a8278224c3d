namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>Step 3's broker set-up finding: the issuer the broker announces is the one the target trusts.</summary>
public static class Step03BrokerIssuer
{
    internal static readonly CheckRule SetupIssuer = new(
        "s3.setup.issuer", "OIDC Discovery §4.3, Pbench server OpenID client", "discovery issuer is {server}/realms/{realm}")
    {
        Expected = "{server}/realms/{realm}, the URL discovery was fetched under",
    };

    // OIDC Discovery §4.3: the issuer in discovery must be the URL it was fetched under; Pbench's launcher requires it.
    public static Check Evaluate(BrokerFacts b)
    {
        ArgumentNullException.ThrowIfNull(b);
        return SetupIssuer.Judge(b.DiscoveredIssuer == b.RealmUrl, b.DiscoveredIssuer ?? b.DiscoveryProblem ?? "no issuer", expected: b.RealmUrl)
            .WithFix(BrokerSides.IssuerFix(b));
    }
}
