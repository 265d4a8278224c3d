using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>Step 17: the restricted call carries step 16's access token, and the token goes nowhere else.</summary>
public static class Step17BearerCall
{
    internal static readonly CheckRule Bearer = new("s17.bearer", "RFC 6750 §2.1", "the restricted call carries step 16's access token")
    {
        Expected = "Authorization: Bearer <step 16 access_token>",
        SkipWhen = "step 16 gave no access token",
    };
    internal static readonly CheckRule TargetOrigin = new("s17.target-origin", "Diagram step 17", "the call goes to the target")
    {
        Expected = "the target's origin",
    };
    internal static readonly CheckRule NoLeak = new("s17.no-leak", "RFC 6750 §5.3", "the access token is sent to no other origin")
    {
        Expected = "only the target's and the broker's origins",
    };
    internal static readonly CheckRule NotInUrl = new("s17.not-in-url", "RFC 6750 §2.3, §5.3", "the access token is never put in a URL")
    {
        Expected = "Authorization header only",
        Otherwise = Verdict.Warn,
    };

    /// <param name="call">The restricted call as the browser sent it (the dashboard's own call in dashboard mode).</param>
    /// <param name="browserTraffic">Everything the dashboard sent (not the harness's probes).</param>
    /// <param name="byHarness">The dashboard made no call to the target with its token after login, so the harness made this one.</param>
    public static IEnumerable<Check> Evaluate(Exchange? call, string? accessToken, IReadOnlyList<Exchange> browserTraffic, WalkContext context, string? skip = null, bool byHarness = false)
    {
        ArgumentNullException.ThrowIfNull(browserTraffic);
        ArgumentNullException.ThrowIfNull(context);
        if (skip is not null || accessToken is null)
        {
            yield return Bearer.Skip(skip ?? "no access token (step 16)");
            yield break;
        }

        if (call is null)
        {
            yield return Steps.Missing(17, "a restricted call to the target with Authorization: Bearer", "the dashboard made no call to the target after login");
            yield break;
        }

        var header = call.RequestHeader("Authorization");
        var observed = Steps.Observed(17, call, "restricted call to the target");
        yield return byHarness && !context.ProtocolMode
            ? observed with { Observed = $"{observed.Observed} — made by the harness, not the dashboard (the dashboard made no call to the target with a token)" }
            : observed;
        // RFC 6750 §2.1: Authorization: Bearer <token>; the diagram's "Pbench Access Token" is the broker's access token itself.
        var carries = header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header[7..].Trim() == accessToken;
        yield return Bearer.Judge(carries,
            header is null ? "no Authorization header" : $"Authorization: {Steps.Excerpt(header, 40)}").WithExchanges(call.Id);
        yield return TargetOrigin.Judge(Urls.SameOrigin(call.Url, context.TargetUrl),
            call.Origin,
            expected: context.TargetOrigin).WithExchanges(call.Id);
        foreach (var check in Leaks(accessToken, browserTraffic, context))
        {
            yield return check;
        }
    }

    // RFC 6750 §5.3: a bearer token goes only to the resource server it is for (here: the target; the broker issued it).
    private static IEnumerable<Check> Leaks(string token, IReadOnlyList<Exchange> traffic, WalkContext context)
    {
        var trusted = new[] { context.TargetOrigin, Urls.Origin(context.Broker.RealmUrl) };
        var carrying = traffic.Where(e => (e.RequestHeader("Authorization")?.Contains(token, StringComparison.Ordinal) ?? false) || e.Url.Contains(token, StringComparison.Ordinal)
            || (e.RequestBody?.Contains(token, StringComparison.Ordinal) ?? false)).ToList();
        var leaked = carrying.Where(e => !trusted.Contains(e.Origin, StringComparer.OrdinalIgnoreCase)).ToList();
        yield return NoLeak.Judge(leaked.Count == 0,
            leaked.Count == 0 ? $"{carrying.Count} request(s), all to trusted origins" : string.Join("; ", leaked.Select(l => $"{l.Method} {l.Url}")),
            expected: $"only {string.Join(" and ", trusted)}")
            .WithExchanges([.. leaked.Select(l => (int?)l.Id)]);
        var inUrl = carrying.Where(e => e.Url.Contains(token, StringComparison.Ordinal)).ToList();
        yield return NotInUrl.Judge(inUrl.Count == 0,
            inUrl.Count == 0 ? "never in a URL" : string.Join("; ", inUrl.Select(l => Steps.Excerpt(l.Url, 80))))
            .WithExchanges([.. inUrl.Select(l => (int?)l.Id)]);
    }
}
