using System.Globalization;
using PbenchAuthSpec.SpecTests.Tokens;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>
/// The broker set-up check's "the tokens carry what the dashboard's client library checks":
/// keycloak-js before 24 compares the <c>nonce</c> of the access token, the refresh token and the
/// id_token with the one it sent and clears them all ("[KEYCLOAK] Invalid nonce, clearing token")
/// when one differs or lacks it; Keycloak 25 and later put <c>nonce</c> in the id_token only, unless
/// the client has the "Nonce backwards compatible" protocol mapper.
/// </summary>
public static class Step16NonceSetup
{
    public const string Id = "s16.setup.nonce";
    public const string Fix = "add the 'Nonce backwards compatible' mapper to the client, or move the dashboard to keycloak-js 24 or later";
    private const string Rule = "keycloak-js < 24 nonce check; Keycloak 25 upgrade notes (nonce only in the ID token)";
    private const string Title = "the tokens carry the nonce where the dashboard's keycloak-js checks it";

    internal static readonly CheckRule SetupNonce = new(Id, Rule, Title)
    {
        Expected = "step 3's nonce in the access and refresh tokens too (keycloak-js before 24 checks them), or keycloak-js 24 or later",
        SkipWhen = "protocol mode, no access token, no nonce sent, or keycloak-js's release unknown and no refusal seen",
    };

    public static Check Evaluate(NonceEvidence e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Judge(e).InPhase("setup");
    }

    private static Check Judge(NonceEvidence e)
    {
        if (e.ProtocolMode)
        {
            return SetupNonce.Skip("protocol mode: the harness's own client checks nonce in the id_token only (OIDC Core §3.1.3.7)");
        }

        if (e.Tokens?.Access is not { } access)
        {
            return SetupNonce.Skip("no access token came at step 16");
        }

        var refresh = DecodedJwt.TryDecode(e.Tokens.RefreshToken, out _);
        var carried = $"access token nonce {Show(access.Claim("nonce"))}, refresh token nonce {Show(refresh?.Claim("nonce"))}";
        var everywhere = e.Nonce is not null && access.Claim("nonce") == e.Nonce && (refresh is null || refresh.Claim("nonce") == e.Nonce);
        var refusal = e.Console.FirstOrDefault(line => line.Contains("Invalid nonce", StringComparison.Ordinal));
        var expected = $"nonce {e.Nonce ?? "(step 3's)"} in the access and refresh tokens too (keycloak-js before 24 checks them)";
        if (refusal is not null)
        {
            var check = SetupNonce.Judge(false,
                $"the dashboard's keycloak-js refused the tokens: {Steps.Excerpt(refusal, 160)}; {carried}",
                expected: expected);
            return everywhere ? check : check.WithFix(Fix);
        }

        if (e.Nonce is null)
        {
            return SetupNonce.Skip("the authorization request sent no nonce (see step 3)");
        }

        if (everywhere)
        {
            return SetupNonce.Judge(true, carried, expected: expected);
        }

        // What the dashboard did outweighs what its preset says it runs.
        if (e.LoggedIn)
        {
            return SetupNonce.Judge(true,
                $"{carried}, and the dashboard logged in with them: its client library does not check the access token's nonce",
                expected: expected);
        }

        return Major(e.KeycloakJs) switch
        {
            < 24 => SetupNonce.Judge(false,
                $"the dashboard runs keycloak-js {e.KeycloakJs} (dashboards.{e.Dashboard}.keycloakJs); {carried}",
                expected: expected).WithFix(Fix),
            >= 24 => SetupNonce.Judge(true, carried, expected: $"nonce in the id_token (keycloak-js {e.KeycloakJs} checks it there only)"),
            null => SetupNonce.Skip(
                $"{carried}, which keycloak-js before 24 refuses; the dashboard's console shows no refusal and its keycloak-js release is not declared "
                + $"(dashboards.{e.Dashboard}.keycloakJs)"),
        };
    }

    private static int? Major(string? version) =>
        version is not null && int.TryParse(version.Split('.')[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var major) ? major : null;

    private static string Show(string? nonce) => nonce ?? "missing";
}
