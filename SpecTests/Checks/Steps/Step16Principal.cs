using PbenchAuthSpec.SpecTests.Tokens;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>
/// Whether the walk logged in as the person it typed in at the IdP: the broker's token names the
/// configured login user (Keycloak lower-cases usernames; a login by e-mail address matches the
/// token's <c>email</c>). Otherwise every later step runs as someone else, and its passes mean nothing.
/// </summary>
public static class Step16Principal
{
    internal static readonly CheckRule Principal = new(
        "s16.principal", "Diagram steps 9 and 16", "the token is the login user's (the one who logged in at the IdP)")
    {
        Expected = "preferred_username '{login user}' (or the e-mail address the user logged in with)",
        SkipWhen = "no login user configured",
    };

    public const string Fix = "the broker named the federated user from the id_token alone: an IdP that releases profile claims only at userinfo (OIDC Core §5.4) needs the broker to ask userinfo (Keycloak: the identity provider's \"Disable user info\" off) and scopes profile and email in its default scopes";

    public static bool SameUser(string? username, string login, string? email) =>
        (username is not null && string.Equals(username, login, StringComparison.OrdinalIgnoreCase))
        || (email is not null && login.Contains('@', StringComparison.Ordinal) && string.Equals(email, login, StringComparison.OrdinalIgnoreCase));

    /// <summary>Step 16: the access token's <c>preferred_username</c> is the configured login user.</summary>
    public static Check Evaluate(DecodedJwt accessToken, WalkContext context)
    {
        ArgumentNullException.ThrowIfNull(accessToken);
        ArgumentNullException.ThrowIfNull(context);
        var username = accessToken.Claim("preferred_username");
        if (context.LoginUsername is not { Length: > 0 } login)
        {
            return Principal.Skip();
        }

        var same = SameUser(username, login, accessToken.Claim("email"));
        return Principal.Judge(same,
            $"preferred_username '{username ?? "missing"}' (sub {accessToken.Claim("sub") ?? "missing"})",
            expected: $"preferred_username '{login}'")
            .WithFix(Fix);
    }
}
