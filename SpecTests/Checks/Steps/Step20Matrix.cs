using PbenchAuthSpec.SpecTests.Tokens;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>
/// Step 20: every case of the invalid-token matrix gets 401; the positive controls do not. A case
/// is one check (its id, e.g. <c>s20.alg-none</c>, whatever the number of endpoints) over every
/// step-20 endpoint of the catalogue: it passes only when each endpoint answered as it must, and
/// its observation names the endpoints that did not.
/// </summary>
public static class Step20Matrix
{
    internal static readonly CheckRule WwwAuthenticateRule = new(
        "s20.www-authenticate", "RFC 6750 §3", "401 responses carry WWW-Authenticate: Bearer")
    {
        Expected = "WWW-Authenticate: Bearer …",
        Otherwise = Verdict.Warn,
    };

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

    /// <summary>The rule a case is judged by: its id, the forge's clause and title, and the verdict policy of its kind.</summary>
    public static CheckRule RuleOf(MatrixCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        const string Unmade = "the case cannot be made here (e.g. it needs the broker's private key)";
        return c switch
        {
            { Positive: true } => new(IdOf(positive: true, c.Id), c.Rule, $"control: {c.Title} is accepted")
            {
                Expected = "each endpoint's own status (not 401)",
                SkipWhen = Unmade,
            },
            { Id: QueryTokenCase } => new(IdOf(positive: false, c.Id), c.Rule, $"{c.Title} → 401")
            {
                Expected = "a refusal at every step-20 endpoint (401 preferred)",
                Policy = "pass on 401, warn on another 4xx, fail when the call is served",
            },
            _ => new(IdOf(positive: false, c.Id), c.Rule, $"{c.Title} → 401")
            {
                Expected = "401 for every attempt at every step-20 endpoint",
                SkipWhen = Unmade + ", or step 16 found the token defective",
            },
        };
    }

    private static Check Case(List<MatrixOutcome> outcomes, Step17TokenCheck cascade)
    {
        var c = outcomes[0].Case;
        var rule = RuleOf(c);
        var attempts = outcomes.SelectMany(o => o.Attempts).ToList();
        var made = attempts.Where(a => a.Skip is null).ToList();
        if (c.SkipReason is { } skip || made.Count == 0)
        {
            return rule.Skip(c.SkipReason ?? string.Join("; ", attempts.Select(a => a.Skip).Distinct()));
        }

        var endpoints = string.Join(", ", made.Select(a => $"{a.Call.Method} {a.Call.Path}").Distinct());
        var ids = made.Select(a => a.ExchangeId).ToArray();
        if (c.Positive)
        {
            return Control(rule, made, cascade).WithExchanges(ids);
        }

        if (c.Id == QueryTokenCase)
        {
            return QueryToken(rule, made, endpoints).WithExchanges(ids);
        }

        var wrong = made.Where(a => a.Status != 401).ToList();
        var rejected = rule.Judge(wrong.Count == 0, Observed(made, wrong), expected: $"401 for every attempt at {endpoints}").WithExchanges(ids);
        // A 503 (the target cannot check tokens at all) is the cascade's one finding, not this case's.
        return wrong.FirstOrDefault() is { Status: 503 } unavailable ? cascade.Apply(rejected, unavailable) : rejected;
    }

    private static Check Control(CheckRule rule, List<CallOutcome> made, Step17TokenCheck cascade)
    {
        var wrong = made.Where(a => a.Status != a.Call.Expect).ToList();
        var expected = string.Join(", ", made.Select(a => $"{a.Call.Expect} (not 401) at {a.Call.Method} {a.Call.Path}").Distinct());
        var check = rule.Judge(wrong.Count == 0, Observed(made, wrong), expected);
        if (rule.Id == IdOf(positive: true, RotatedKeyCase))
        {
            check = check.WithFix("re-read the realm's keys when a token names an unknown kid");
        }

        var refused = wrong.FirstOrDefault(a => a.Status == 503) ?? wrong.FirstOrDefault(a => a.Status == 401);
        return refused is null || wrong.Any(a => a.Status is not (401 or 503)) ? check : cascade.Apply(check, refused);
    }

    // RFC 6750 §2.3 is about acceptance: the token in the query string must not serve its user. A
    // server that refuses the request for another reason first (Pbench: 400 "Unknown URL query
    // keys: access_token") did not accept it; RFC 6750 §3.1 prefers 401, hence a warn naming the status.
    private static Check QueryToken(CheckRule rule, List<CallOutcome> made, string endpoints)
    {
        var served = made.Where(a => a.Status is not (>= 400 and < 500)).ToList();
        if (served.Count > 0)
        {
            return rule.Judge(false, Observed(made, served), expected: $"a refusal (401 preferred) at {endpoints}");
        }

        var other = made.Where(a => a.Status != 401).ToList();
        var statuses = string.Join(", ", other.Select(a => a.Status).Distinct());
        var observed = other.Count == 0 ? Observed(made, other) : $"refused, but with {statuses}, not 401: {Observed(made, other)}";
        return rule.Give(other.Count == 0 ? Verdict.Pass : Verdict.Warn, observed, expected: $"401 at {endpoints}");
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
        return WwwAuthenticateRule.Judge(missing.Count == 0,
            missing.Count == 0 ? "present on every 401" : $"missing on {missing.Count} of {unauthorized.Count} 401s, e.g. {missing[0].Label}")
            .WithExchanges([.. missing.Take(5).Select(m => m.ExchangeId)]);
    }
}
