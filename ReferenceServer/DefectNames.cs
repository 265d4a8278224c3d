namespace PbenchAuthSpec.ReferenceServer;

/// <summary>
/// The switchable defects (rows of <c>fixtures/defects.json</c>). Server and dashboard rows are
/// implemented here; broker rows belong to MockBroker and are only accepted by name.
/// </summary>
public static class DefectNames
{
    public const string AcceptExpired = "accept-expired";
    public const string SkipSignature = "skip-signature";
    public const string AcceptAlgNone = "accept-alg-none";
    public const string AcceptHs256PublicKey = "accept-hs256-public-key";
    public const string IgnoreAud = "ignore-aud";
    public const string IgnoreIss = "ignore-iss";
    public const string ForbiddenForInvalidToken = "forbidden-for-invalid-token";
    public const string UnauthorizedForForbidden = "unauthorized-for-forbidden";
    public const string OmitWwwAuthenticate = "omit-www-authenticate";
    public const string TokenInQuery = "token-in-query";
    public const string NonOwnerDelete = "non-owner-delete";
    public const string AdminFromAnyClient = "admin-from-any-client";
    public const string ServeClientSecret = "serve-client-secret";

    // What the real Pbench server does (observed on the real server).
    public const string AcceptNoExp = "accept-no-exp";
    public const string KeyReadOnce = "key-read-once";
    public const string UnknownQueryKeys400 = "unknown-query-keys-400";
    public const string DashboardSkipState = "dashboard-skip-state";
    public const string DashboardNoPkce = "dashboard-no-pkce";
    public const string DashboardPkcePlain = "dashboard-pkce-plain";
    public const string DashboardWrongRedirectUri = "dashboard-wrong-redirect-uri";
    public const string DashboardTokenToOtherOrigin = "dashboard-token-to-other-origin";
    public const string DashboardKeycloakJs21 = "dashboard-keycloak-js-21";
    public const string DashboardDropsFirstResponse = "dashboard-drops-first-response";

    /// <summary>The prefix the stack strips before handing a row to MockBroker as a fault.</summary>
    public const string BrokerPrefix = "broker-";

    public static readonly IReadOnlyList<string> Server =
    [
        AcceptExpired, SkipSignature, AcceptAlgNone, AcceptHs256PublicKey, IgnoreAud, IgnoreIss,
        ForbiddenForInvalidToken, UnauthorizedForForbidden, OmitWwwAuthenticate, TokenInQuery,
        NonOwnerDelete, AdminFromAnyClient, ServeClientSecret, AcceptNoExp, KeyReadOnce, UnknownQueryKeys400,
    ];

    /// <summary>
    /// The switches that together make ReferenceServer answer as the real Pbench server does: no
    /// <c>exp</c> required, <c>iss</c> not checked, the realm key read once, query keys validated
    /// before authorization on the dataset APIs, no <c>WWW-Authenticate</c>.
    /// </summary>
    public static readonly IReadOnlyList<string> RealServer =
    [
        AcceptNoExp, IgnoreIss, KeyReadOnce, UnknownQueryKeys400, OmitWwwAuthenticate,
    ];

    public static readonly IReadOnlyList<string> Dashboard =
    [
        DashboardSkipState, DashboardNoPkce, DashboardPkcePlain, DashboardWrongRedirectUri, DashboardTokenToOtherOrigin,
        DashboardKeycloakJs21, DashboardDropsFirstResponse,
    ];

    /// <summary>The dashboard rows /dashboard/ (the plain dashboard) implements.</summary>
    public static readonly IReadOnlyList<string> PlainDashboard =
    [
        DashboardSkipState, DashboardNoPkce, DashboardPkcePlain, DashboardWrongRedirectUri, DashboardTokenToOtherOrigin, DashboardDropsFirstResponse,
    ];

    /// <summary>The dashboard rows the keycloak-js dashboard implements, on both its faces (/dashboard-kc/ and the Pbench-style /dashboard/auth).</summary>
    public static readonly IReadOnlyList<string> KeycloakJsDashboard = [DashboardNoPkce, DashboardKeycloakJs21, DashboardDropsFirstResponse];

    public static readonly IReadOnlyList<string> Broker =
    [
        "broker-wrong-iss", "broker-state-not-echoed", "broker-expires-in-mismatch", "broker-missing-token-type",
        "broker-no-audience", "broker-no-cors", "broker-unknown-kid", "broker-no-userinfo", "broker-rs256-only", "broker-no-idp-pkce",
    ];

    public static IReadOnlyList<string> All { get; } = [.. Server, .. Dashboard, .. Broker];

    /// <summary>Throws with one line naming the unknown defect and listing the known ones.</summary>
    public static void Validate(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        foreach (var name in names)
        {
            if (!All.Contains(name, StringComparer.Ordinal))
            {
                throw new ArgumentException($"unknown defect '{name}' (known: {string.Join(", ", All)}).");
            }
        }
    }
}
