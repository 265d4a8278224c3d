namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>Step 20: every case of the invalid-token matrix gets 401; the positive controls do not.</summary>
public static class MatrixChecks
{
    public static IEnumerable<Check> Evaluate(IReadOnlyList<MatrixOutcome> outcomes, TokenDefectCascade cascade, bool severalEndpoints)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(cascade);
        var checks = outcomes.Select(o => Case(o, cascade, severalEndpoints)).ToList();
        var unauthorized = outcomes.Where(o => !o.Case.Positive).SelectMany(o => o.Attempts).Where(a => a.Status == 401).ToList();
        if (unauthorized.Count > 0)
        {
            checks.Add(WwwAuthenticate(unauthorized));
        }

        return checks.Select(c => c.InPhase("matrix"));
    }

    private static Check Case(MatrixOutcome o, TokenDefectCascade cascade, bool severalEndpoints)
    {
        var c = o.Case;
        var where = severalEndpoints && o.Attempts.Count > 0 ? $" at {o.Attempts[0].Call.Method} {o.Attempts[0].Call.Path}" : "";
        var id = $"s20.{(c.Positive ? "control." : "")}{c.Id}{(severalEndpoints && o.Attempts.Count > 0 ? "@" + o.Attempts[0].Call.Path : "")}";
        var title = c.Positive ? $"control: {c.Title} is accepted{where}" : $"{c.Title} → 401{where}";
        if (c.SkipReason is { } skip)
        {
            return Check.Skipped(20, id, c.Rule, title, skip);
        }

        var observed = string.Join("; ", o.Attempts.Select(a => $"{a.Label}: {a.Observed}"));
        var ids = o.Attempts.Select(a => a.ExchangeId).ToArray();
        if (!c.Positive)
        {
            var rejected = Check.That(20, id, c.Rule, title, o.Attempts.All(a => a.Status == 401), "401 for every attempt", observed).WithExchanges(ids);
            // A 503 (the target cannot check tokens at all) is the cascade's one finding, not this case's.
            return o.Attempts.FirstOrDefault(a => a.Status != 401) is { Status: 503 } unavailable ? cascade.Apply(rejected, unavailable) : rejected;
        }

        var expect = o.Attempts.Count > 0 ? o.Attempts[0].Call.Expect : 200;
        var check = Check.That(20, id, c.Rule, title, o.Attempts.All(a => a.Status == expect), $"{expect} (not 401)", observed).WithExchanges(ids);
        var refused = o.Attempts.FirstOrDefault(a => a.Status == 503) ?? o.Attempts.FirstOrDefault(a => a.Status == 401);
        return refused is null ? check : cascade.Apply(check, refused);
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
