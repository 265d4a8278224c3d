using System.Globalization;
using System.Text.RegularExpressions;
using PbenchAuthSpec.SpecTests.Catalogue;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>
/// Every check id the run can report: a public interface (known-failures files, CI filters, links
/// into reports name them), so ids are never renamed or removed, and a new check gets a new id
/// here. README's list is this one (tests/SpecTests.Tests compare them, and compare this list with the ids
/// the checks' code writes and with the ids real runs report).
/// </summary>
public static partial class CheckIds
{
    /// <summary>The ids with a fixed name, in step order.</summary>
    public static readonly IReadOnlyList<string> Named =
    [
        "s1.no-credentials",
        "s2.status", "s2.json", "s2.openid-keys", "s2.auth-uri", "s2.client-id", "s2.auth-uri-broker", "s2.no-secret",
        "s3.client-id", "s3.response-type", "s3.redirect-uri", "s3.scope-openid", "s3.state", "s3.nonce", "s3.pkce", "s3.response-mode", "s3.setup.issuer",
        "s4.status", "s4.html", "s4.login-page", "s4.lists-idp", "s4.session-cookie",
        "s5.client-id", "s5.response-type", "s5.redirect-uri", "s5.scope-openid", "s5.state",
        "s6.status", "s6.same-origin", "s6.idp-error",
        "s7.follows-redirect",
        "s8.status", "s8.credential-form",
        "s9.method",
        "s10.status", "s10.code", "s10.state", "s10.no-error",
        "s11.code-exchange", "s11.idp-id-token", "s11.user", "s11.federated-link",
        "s12.status", "s12.location", "s12.response-mode", "s12.code", "s12.state", "s12.no-error", "s12.session-state", "s12.iss", "s12.silent-state", "s12.abandoned-response",
        "s13.location",
        "s14.status", "s14.html",
        "s15.content-type", "s15.grant-type", "s15.code", "s15.client-id", "s15.redirect-uri", "s15.code-verifier", "s15.no-secret", "s15.cors", "s15.state-checked",
        "s16.status", "s16.json", "s16.access-token", "s16.token-type", "s16.expires-in", "s16.refresh-expires-in", "s16.refresh-token", "s16.id-token", "s16.session-state", "s16.scope", "s16.no-store",
        "s16.at.jws", "s16.at.alg", "s16.at.signature", "s16.at.iss", "s16.at.exp", "s16.at.lifetime", "s16.at.sub", "s16.at.azp", "s16.at.aud", "s16.at.typ", "s16.at.preferred-username",
        "s16.id.valid", "s16.id.signature", "s16.id.iss", "s16.id.aud", "s16.id.nonce", "s16.id.sub", "s16.session-state-sid",
        "s16.refresh", "s16.refresh-reuse", "s16.logout", "s16.logout-refresh-dead", "s16.setup.public-key", "s16.setup.nonce", "s16.principal",
        "s17.bearer", "s17.target-origin", "s17.not-in-url", "s17.no-leak", "s17.token-check",
        "s18.refreshed",
        "s19.www-authenticate", "s19.message-body", "s19.setup.admin-role", "s19.setup.password-grant",
        "s20.no-token", "s20.expired", "s20.exp-missing", "s20.nbf-future", "s20.payload-altered", "s20.unknown-kid", "s20.alg-none", "s20.hs256-public-key",
        "s20.foreign-key-same-kid", "s20.wrong-iss", "s20.aud-without-audience", "s20.other-realm", "s20.id-token", "s20.refresh-token",
        "s20.garbage", "s20.truncated", "s20.wrong-scheme", "s20.empty-bearer", "s20.query-token",
        "s20.control.aud-array", "s20.control.lower-case-scheme", "s20.control.rotated-key",
        "s20.www-authenticate",
    ];

    /// <summary>The ids made from a pattern: <c>{n}</c> a step (1–20) or a row number of the catalogue.</summary>
    public static readonly IReadOnlyList<(string Pattern, string Meaning)> Families =
    [
        ("s{n}.observed", "the step's exchange was (not) observed; a step never reached after an earlier failure is a skip"),
        ("s{n}.none", "no check ran for the step (skip)"),
        ("s{n}.until-step", "the step was not walked: --until-step stopped before it (skip)"),
        ("s18.{n}", "the catalogue's nth step18 row"),
        ("s19.{n}", "the catalogue's nth step19 row; its forgeAdminRole rows follow, numbered after the rows"),
    ];

    /// <summary>Whether a check with this id can exist in a run with this catalogue.</summary>
    public static bool Exists(string id, ProfileCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        if (Named.Contains(id, StringComparer.Ordinal))
        {
            return true;
        }

        var match = Family().Match(id ?? "");
        if (!match.Success)
        {
            return false;
        }

        var step = int.Parse(match.Groups["step"].Value, CultureInfo.InvariantCulture);
        if (match.Groups["name"].Value is "observed" or "none" or "until-step")
        {
            return step is >= 1 and <= 20;
        }

        var row = int.TryParse(match.Groups["name"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        return step switch
        {
            18 => row >= 1 && row <= catalogue.Step18.Count,
            19 => row >= 1 && row <= catalogue.Step19.Count + catalogue.Step19.Count(c => c.ForgeAdminRole),
            _ => false,
        };
    }

    [GeneratedRegex(@"^s(?<step>[1-9][0-9]?)\.(?<name>observed|none|until-step|[1-9][0-9]{0,2})$")]
    private static partial Regex Family();
}
