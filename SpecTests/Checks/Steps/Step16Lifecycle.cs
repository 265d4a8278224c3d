namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>After the steps: refresh (RFC 6749 §6) and logout (OIDC RP-Initiated Logout).</summary>
public static class Step16Lifecycle
{
    internal static readonly CheckRule RefreshRule = new("s16.refresh", "RFC 6749 §6", "refresh_token grant gives a new access token")
    {
        Expected = "200 with access_token",
    };
    internal static readonly CheckRule RefreshReuse = new(
        "s16.refresh-reuse", "RFC 9700 §4.14.2, RFC 6749 §5.2", "reusing a rotated refresh token gets invalid_grant")
    {
        Expected = "400 invalid_grant when rotating, 200 when not",
    };
    internal static readonly CheckRule LogoutRule = new("s16.logout", "OIDC RP-Initiated Logout §2", "logout at the broker's end-session endpoint")
    {
        Expected = "2xx or a redirect",
    };
    internal static readonly CheckRule LogoutRefreshDead = new(
        "s16.logout-refresh-dead", "OIDC RP-Initiated Logout §2, RFC 6749 §5.2", "the refresh token no longer works after logout")
    {
        Expected = "400 invalid_grant",
    };

    public static IEnumerable<Check> Evaluate(LifecycleEvidence evidence, Step17TokenCheck cascade)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(cascade);
        if (evidence.Skip is { } skip)
        {
            return [RefreshRule.Skip(skip).InPhase("refresh")];
        }

        return [.. Refresh(evidence, cascade).Select(c => c.InPhase("refresh")), .. Logout(evidence).Select(c => c.InPhase("logout"))];
    }

    private static IEnumerable<Check> Refresh(LifecycleEvidence evidence, Step17TokenCheck cascade)
    {
        var refresh = evidence.Refresh;
        var fresh = refresh?.Status == 200 ? TokenSet.Parse(refresh.ResponseBody) : null;
        yield return RefreshRule.Judge(fresh?.AccessToken is not null,
            refresh is null ? "not sent" : $"{Steps.StatusText(refresh)} {Steps.Excerpt(refresh.ResponseBody, 100)}").WithExchanges(refresh?.Id);
        if (evidence.Reuse is { } reuse)
        {
            // RFC 9700 §4.14.2: a broker that rotates refresh tokens refuses the old one with invalid_grant.
            var ok = reuse.Status == 200 || (reuse.Status == 400 && (reuse.ResponseBody?.Contains("invalid_grant", StringComparison.Ordinal) ?? false));
            var what = reuse.Status == 200 ? "200: the broker does not rotate refresh tokens (reuse allowed)" : $"{Steps.StatusText(reuse)} {Steps.Excerpt(reuse.ResponseBody, 100)}";
            yield return RefreshReuse.Judge(ok, what).WithExchanges(reuse.Id);
        }

        if (evidence.RefreshedCall is { } call)
        {
            var check = call.Skip is { } s
                ? Step18To19ServerAnswers.Refreshed.Skip(s)
                : Step18To19ServerAnswers.Refreshed.Judge(call.Status == call.Call.Expect,
                    call.Observed,
                    expected: $"{call.Call.Expect} for {call.Label}").WithExchanges(call.ExchangeId);
            yield return cascade.Apply(check, call);
        }
    }

    private static IEnumerable<Check> Logout(LifecycleEvidence evidence)
    {
        if (evidence.LogoutSkip is { } skip)
        {
            yield return LogoutRule.Skip(skip);
            yield break;
        }

        var logout = evidence.Logout;
        yield return LogoutRule.Judge(logout?.Status is >= 200 and < 400,
            logout is null ? "not sent" : Steps.StatusText(logout)).WithExchanges(logout?.Id);
        var after = evidence.RefreshAfterLogout;
        var dead = after?.Status == 400 && (after.ResponseBody?.Contains("invalid_grant", StringComparison.Ordinal) ?? false);
        yield return LogoutRefreshDead.Judge(dead,
            after is null ? "not sent" : $"{Steps.StatusText(after)} {Steps.Excerpt(after.ResponseBody, 100)}").WithExchanges(after?.Id);
    }
}
