using System.Text.Json.Nodes;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>
/// The broker set-up check, each finding with what to change in the broker. (The redirect
/// URI and web origin are judged where they show: steps 4 and 15; the audience at step 16.)
/// </summary>
public static class SetupChecks
{
    public const string IssuerId = "s3.setup.issuer";
    public const string PasswordGrantId = "s19.setup.password-grant";

    public static IEnumerable<Check> Evaluate(SetupEvidence e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var b = e.Broker;
        return new[] { Issuer(b), PublicKey(e), AdminRole(e), PasswordGrant(e) }.OfType<Check>().Select(c => c.InPhase("setup"));
    }

    // OIDC Discovery §4.3: the issuer in discovery must be the URL it was fetched under; Pbench's launcher requires it.
    private static Check Issuer(BrokerFacts b) =>
        Check.That(3, IssuerId, "OIDC Discovery §4.3, Pbench server OpenID client", "discovery issuer is {server}/realms/{realm}", b.DiscoveredIssuer == b.RealmUrl,
            b.RealmUrl, b.DiscoveredIssuer ?? b.DiscoveryProblem ?? "no issuer")
            .WithFix(BrokerSides.IssuerFix(b));

    // Pbench verifies with the realm's public_key (GET {realm}); it must be a key of the JWKS that signs.
    private static Check PublicKey(SetupEvidence e)
    {
        const string Title = "the realm's public_key (which Pbench reads) is a key in the JWKS";
        if (e.Broker.RealmPublicKey is null)
        {
            return e.Profile == "pbench"
                ? Check.That(16, "s16.setup.public-key", "Pbench server token validation", Title, false, $"public_key in GET {e.Broker.RealmUrl}", "no public_key")
                    .WithFix("Pbench reads GET {server}/realms/{realm} for public_key: use a Keycloak-compatible broker, or serve that realm document")
                : Check.Skipped(16, "s16.setup.public-key", "Pbench server token validation", Title, "the broker serves no realm public_key and the diagram profile does not use it");
        }

        return Check.That(16, "s16.setup.public-key", "Pbench server token validation", Title, e.Broker.Jwks.ContainsPublicKey(e.Broker.RealmPublicKey),
            "the same RSA key in both", "public_key is not among the JWKS keys")
            .WithFix("make the realm's active RS256 key the one published in both the realm document and the JWKS (Keycloak: Realm settings → Keys)");
    }

    // The real Pbench server: roles = resource_access[<audience>].roles; ADMIN there makes an admin.
    private static Check? AdminRole(SetupEvidence e)
    {
        const string Title = "admin users carry resource_access.{audience}.roles with ADMIN";
        if (e.AdminToken is not { } token)
        {
            return Check.Skipped(19, "s19.setup.admin-role", "Pbench server: identity from the token", Title, e.PasswordGrantProblem ?? "no admin user configured (users.admin)");
        }

        var roles = (token.Payload["resource_access"] as JsonObject)?[e.Audience]?["roles"] as JsonArray;
        var ok = roles?.Any(r => r?.GetValue<string>() == "ADMIN") ?? false;
        return Check.That(19, "s19.setup.admin-role", "Pbench server: identity from the token", Title.Replace("{audience}", e.Audience, StringComparison.Ordinal), ok,
            $"resource_access.{e.Audience}.roles ∋ ADMIN", roles?.ToJsonString() ?? "no such roles")
            .WithFix($"create client '{e.Audience}' with role ADMIN and assign that client role to user '{e.AdminUsername}'");
    }

    // Broker set-up check: a finding that keeps the forbidden matrix from running fails the
    // step it prevents (19); only a role the settings leave without a password is a plain skip.
    private static Check? PasswordGrant(SetupEvidence e)
    {
        const string Title = "other users' tokens from the password grant";
        if (e.PasswordGrantProblem is not { } problem)
        {
            return null;
        }

        if (problem.StartsWith("no password for user", StringComparison.Ordinal))
        {
            return Check.Skipped(19, PasswordGrantId, "RFC 6749 §4.3", Title, $"{problem} (the settings give none)");
        }

        return Check.That(19, PasswordGrantId, "RFC 6749 §4.3", Title, false, "a token for each of the other and admin users", problem)
            .WithFix(problem.Contains("unauthorized_client", StringComparison.Ordinal)
                ? $"enable Direct Access Grants on client '{e.ClientId}' in the broker (Keycloak: Clients → {e.ClientId} → Capability config → Direct access grants; Pbench's functional tests use it too)"
                : problem.Contains("invalid_grant", StringComparison.Ordinal)
                    ? "the broker refused the user's credentials: set the right password (PBENCH_AUTH_SPEC_OTHER_PASSWORD, PBENCH_AUTH_SPEC_ADMIN_PASSWORD) or create the user in the realm"
                    : $"let client '{e.ClientId}' get tokens by the password grant (RFC 6749 §4.3) for the other and admin users");
    }
}
