namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>Step 16's broker set-up finding: the realm's public_key, which Pbench verifies tokens with, signs them.</summary>
public static class Step16RealmPublicKey
{
    internal static readonly CheckRule SetupPublicKey = new(
        "s16.setup.public-key", "Pbench server token validation", "the realm's public_key (which Pbench reads) is a key in the JWKS")
    {
        Expected = "the same RSA key in both",
        SkipWhen = "the broker serves no realm public_key and the diagram profile does not use it",
    };

    // Pbench verifies with the realm's public_key (GET {realm}); it must be a key of the JWKS that signs.
    public static Check Evaluate(SetupEvidence e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Broker.RealmPublicKey is null)
        {
            return e.Profile == "pbench"
                ? SetupPublicKey.Judge(false, "no public_key", expected: $"public_key in GET {e.Broker.RealmUrl}")
                    .WithFix("Pbench reads GET {server}/realms/{realm} for public_key: use a Keycloak-compatible broker, or serve that realm document")
                : SetupPublicKey.Skip();
        }

        return SetupPublicKey.Judge(e.Broker.Jwks.ContainsPublicKey(e.Broker.RealmPublicKey), "public_key is not among the JWKS keys")
            .WithFix("make the realm's active RS256 key the one published in both the realm document and the JWKS (Keycloak: Realm settings → Keys)");
    }
}
