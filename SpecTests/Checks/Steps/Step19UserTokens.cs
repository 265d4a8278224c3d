using System.Text.Json.Nodes;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>Step 19's broker set-up findings: the other and admin users get tokens, and the admin's carries ADMIN.</summary>
public static class Step19UserTokens
{
    internal static readonly CheckRule SetupAdminRole = new(
        "s19.setup.admin-role", "Pbench server: identity from the token", "admin users carry resource_access.{audience}.roles with ADMIN")
    {
        Expected = "resource_access.{audience}.roles ∋ ADMIN",
        SkipWhen = "no admin user configured (users.admin), or no token for it",
    };
    internal static readonly CheckRule SetupPasswordGrant = new(
        "s19.setup.password-grant", "RFC 6749 §4.3", "other users' tokens from the password grant")
    {
        Expected = "a token for each of the other and admin users",
        SkipWhen = "the settings give no password for a user",
    };

    // The real Pbench server: roles = resource_access[<audience>].roles; ADMIN there makes an admin.
    public static Check? AdminRole(SetupEvidence e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.AdminToken is not { } token)
        {
            return SetupAdminRole.Skip(e.PasswordGrantProblem ?? "no admin user configured (users.admin)");
        }

        var roles = (token.Payload["resource_access"] as JsonObject)?[e.Audience]?["roles"] as JsonArray;
        var ok = roles?.Any(r => r?.GetValue<string>() == "ADMIN") ?? false;
        return SetupAdminRole.Judge(ok,
            roles?.ToJsonString() ?? "no such roles",
            expected: $"resource_access.{e.Audience}.roles ∋ ADMIN",
            title: SetupAdminRole.Title.Replace("{audience}", e.Audience, StringComparison.Ordinal))
            .WithFix($"create client '{e.Audience}' with role ADMIN and assign that client role to user '{e.AdminUsername}'");
    }

    // Broker set-up check: a finding that keeps the forbidden matrix from running fails the
    // step it prevents (19); only a role the settings leave without a password is a plain skip.
    public static Check? PasswordGrant(SetupEvidence e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.PasswordGrantProblem is not { } problem)
        {
            return null;
        }

        if (problem.StartsWith("no password for user", StringComparison.Ordinal))
        {
            return SetupPasswordGrant.Skip($"{problem} (the settings give none)");
        }

        return SetupPasswordGrant.Judge(false, problem)
            .WithFix(problem.Contains("unauthorized_client", StringComparison.Ordinal)
                ? $"enable Direct Access Grants on client '{e.ClientId}' in the broker (Keycloak: Clients → {e.ClientId} → Capability config → Direct access grants; Pbench's functional tests use it too)"
                : problem.Contains("invalid_grant", StringComparison.Ordinal)
                    ? "the broker refused the user's credentials: set the right password (PBENCH_AUTH_SPEC_OTHER_PASSWORD, PBENCH_AUTH_SPEC_ADMIN_PASSWORD) or create the user in the realm"
                    : $"let client '{e.ClientId}' get tokens by the password grant (RFC 6749 §4.3) for the other and admin users");
    }
}
