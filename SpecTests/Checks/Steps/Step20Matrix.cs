namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>
/// Step 20: every case of the invalid-token matrix gets 401; the positive controls do not. A case
/// is one check (its id, e.g. <c>s20.alg-none</c>, whatever the number of endpoints) over every
/// step-20 endpoint of the catalogue: it passes only when each endpoint answered as it must, and
/// its observation names the endpoints that did not.
/// </summary>
public static class Step20Matrix
{
    /// <summary>The case whose token travels in the query string: any refusal passes, 401 is preferred.</summary>
    public const string QueryTokenCase = "query-token";

    /// <summary>The control that rotates the broker's key (run last of all).</summary>
    public const string RotatedKeyCase = "rotated-key";

    public static IEnumerable<Check> Evaluate(IReadOnlyList<MatrixOutcome> outcomes, Step17TokenCheck cascade)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(cascade);
        var checks = outcomes.GroupBy(o => (o.Case.Positive, o.Case.Id)).Select(g => Case([.. g], cascade)).ToList();
        var unauthorized = outcomes.Where(o => !o.Case.Positive).SelectMany(o => o.Attempts).Where(a => a.Status == 401).ToList();
        if (unauthorized.Count > 0)
        {
            checks.Add(WwwAuthenticate(unauthorized));
        }

        return checks.Select(c => c.InPhase("matrix"));
    }

    /// <summary>A case's stable id: <c>s20.{case}</c>, or <c>s20.control.{case}</c> for a positive control.</summary>
    public static string IdOf(bool positive, string caseId) => $"s20.{(positive ? "control." : "")}{caseId}";

    private static Check Case(List<MatrixOutcome> outcomes, Step17TokenCheck cascade)
    {
        var c = outcomes[0].Case;
        var id = IdOf(c.Positive, c.Id);
        var title = c.Positive ? $"control: {c.Title} is accepted" : $"{c.Title} → 401";
        var attempts = outcomes.SelectMany(o => o.Attempts).ToList();
        var made = attempts.Where(a => a.Skip is null).ToList();
        if (c.SkipReason is { } skip || made.Count == 0)
        {
            return Check.Skipped(20, id, c.Rule, title, c.SkipReason ?? string.Join("; ", attempts.Select(a => a.Skip).Distinct()));
        }

        var endpoints = string.Join(", ", made.Select(a => $"{a.Call.Method} {a.Call.Path}").Distinct());
        var ids = made.Select(a => a.ExchangeId).ToArray();
        if (c.Positive)
        {
            return Control(id, c.Rule, title, made, endpoints, cascade).WithExchanges(ids);
        }

        if (c.Id == QueryTokenCase)
        {
            return QueryToken(id, c.Rule, title, made, endpoints).WithExchanges(ids);
        }

        var wrong = made.Where(a => a.Status != 401).ToList();
        var rejected = Check.That(20, id, c.Rule, title, wrong.Count == 0, $"401 for every attempt at {endpoints}", Observed(made, wrong)).WithExchanges(ids);
        // A 503 (the target cannot check tokens at all) is the cascade's one finding, not this case's.
        return wrong.FirstOrDefault() is { Status: 503 } unavailable ? cascade.Apply(rejected, unavailable) : rejected;
    }

    private static Check Control(string id, string rule, string title, List<CallOutcome> made, string endpoints, Step17TokenCheck cascade)
    {
        var wrong = made.Where(a => a.Status != a.Call.Expect).ToList();
        var expected = string.Join(", ", made.Select(a => $"{a.Call.Expect} (not 401) at {a.Call.Method} {a.Call.Path}").Distinct());
        var check = Check.That(20, id, rule, title, wrong.Count == 0, expected, Observed(made, wrong));
        if (id == IdOf(positive: true, RotatedKeyCase))
        {
            check = check.WithFix("re-read the realm's keys when a token names an unknown kid");
        }

        var refused = wrong.FirstOrDefault(a => a.Status == 503) ?? wrong.FirstOrDefault(a => a.Status == 401);
        return refused is null || wrong.Any(a => a.Status is not (401 or 503)) ? check : cascade.Apply(check, refused);
    }

    // RFC 6750 §2.3 is about acceptance: the token in the query string must not serve its user. A
    // server that refuses the request for another reason first (Pbench: 400 "Unknown URL query
    // keys: access_token") did not accept it; RFC 6750 §3.1 prefers 401, hence a warn naming the status.
    private static Check QueryToken(string id, string rule, string title, List<CallOutcome> made, string endpoints)
    {
        var served = made.Where(a => a.Status is not (>= 400 and < 500)).ToList();
        if (served.Count > 0)
        {
            return Check.That(20, id, rule, title, false, $"a refusal (401 preferred) at {endpoints}", Observed(made, served));
        }

        var other = made.Where(a => a.Status != 401).ToList();
        var statuses = string.Join(", ", other.Select(a => a.Status).Distinct());
        return Check.That(20, id, rule, title, other.Count == 0, $"401 at {endpoints}",
            other.Count == 0 ? Observed(made, other) : $"refused, but with {statuses}, not 401: {Observed(made, other)}", Verdict.Warn);
    }

    private static string Observed(List<CallOutcome> made, List<CallOutcome> wrong)
    {
        if (wrong.Count == 0)
        {
            return string.Join("; ", made.Select(a => $"{a.Label}: {a.Observed}"));
        }

        var at = string.Join(", ", wrong.Select(a => $"{a.Call.Method} {a.Call.Path}").Distinct());
        return $"{wrong.Count} of {made.Count} attempts at {at}: " + string.Join("; ", wrong.Select(a => $"{a.Label}: {a.Observed}"));
    }

    // RFC 6750 §3: a 401 MUST carry WWW-Authenticate: Bearer; the real Pbench omits it, hence warn (fail under --strict).
    private static Check WwwAuthenticate(List<CallOutcome> unauthorized)
    {
        var missing = unauthorized.Where(a => !(a.WwwAuthenticate?.TrimStart().StartsWith("Bearer", StringComparison.OrdinalIgnoreCase) ?? false)).ToList();
        return Check.That(20, "s20.www-authenticate", "RFC 6750 §3", "401 responses carry WWW-Authenticate: Bearer", missing.Count == 0,
            "WWW-Authenticate: Bearer …", missing.Count == 0 ? "present on every 401" : $"missing on {missing.Count} of {unauthorized.Count} 401s, e.g. {missing[0].Label}", Verdict.Warn)
            .WithExchanges([.. missing.Take(5).Select(m => m.ExchangeId)]);
    }
}
