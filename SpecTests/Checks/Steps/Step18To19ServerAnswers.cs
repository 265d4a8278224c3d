using System.Text.Json;
using System.Text.Json.Nodes;
using PbenchAuthSpec.SpecTests.Catalogue;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>Steps 18 and 19: the catalogue's restricted calls with real tokens; the forbidden matrix.</summary>
public static class Step18To19ServerAnswers
{
    public static IEnumerable<Check> Step18(IReadOnlyList<CallOutcome> outcomes, Step17TokenCheck cascade)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(cascade);
        return outcomes.Select((o, i) => Row(18, $"s18.{i + 1}", "Diagram step 18", o, cascade).InPhase("matrix"));
    }

    public static IEnumerable<Check> Step19(IReadOnlyList<CallOutcome> outcomes, Step17TokenCheck cascade, string profile)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(cascade);
        var checks = outcomes.Select((o, i) => Row(19, $"s19.{i + 1}", "Diagram step 19, forbidden matrix", o, cascade)).ToList();
        var forbidden = outcomes.Where(o => o.Status == 403).ToList();
        if (forbidden.Count > 0)
        {
            checks.Add(InsufficientScope(forbidden));
            if (profile == "pbench")
            {
                checks.Add(MessageBody(forbidden));
            }
        }

        return checks.Select(c => c.InPhase("matrix"));
    }

    private static Check Row(int step, string id, string rule, CallOutcome o, Step17TokenCheck cascade)
    {
        var title = $"{o.Call.Rule ?? o.Call.Describe()} → {o.Call.Expect}";
        if (o.Skip is { } skip)
        {
            return cascade.Apply(Check.Skipped(step, id, rule, title, skip), o);
        }

        var check = Check.That(step, id, o.Call.Rule is null ? rule : $"{rule}: {o.Call.Rule}", title, o.Status == o.Call.Expect, $"{o.Call.Expect} for {o.Label}", o.Observed).WithExchanges(o.ExchangeId);
        return o.AfterChange is { } change && check.Verdict == Verdict.Fail
            ? check with { Verdict = Verdict.Skip, Observed = $"{o.Observed} — not judged: {change}" }
            : cascade.Apply(check, o);
    }

    // RFC 6750 §3.1: a 403 for a valid token without the right SHOULD say insufficient_scope.
    private static Check InsufficientScope(List<CallOutcome> forbidden)
    {
        var missing = forbidden.Where(o => !(o.WwwAuthenticate?.Contains("insufficient_scope", StringComparison.Ordinal) ?? false)).ToList();
        return Check.That(19, "s19.www-authenticate", "RFC 6750 §3.1", "403 responses carry WWW-Authenticate: Bearer error=\"insufficient_scope\"", missing.Count == 0,
            "WWW-Authenticate: Bearer error=\"insufficient_scope\"", missing.Count == 0 ? "present on every 403" : $"missing on: {string.Join("; ", missing.Select(m => $"{m.Label} ({m.WwwAuthenticate ?? "no header"})"))}", Verdict.Warn)
            .WithExchanges([.. forbidden.Select(f => f.ExchangeId)]);
    }

    // The real Pbench server: error bodies are {"message": "..."}.
    private static Check MessageBody(List<CallOutcome> forbidden)
    {
        var bad = forbidden.Where(o => !HasMessage(o.Body)).ToList();
        return Check.That(19, "s19.message-body", "Pbench server error bodies", "403 bodies are {\"message\": \"...\"}", bad.Count == 0,
            "{\"message\": \"...\"}", bad.Count == 0 ? "every 403 has a message" : string.Join("; ", bad.Select(b => $"{b.Label}: {Steps.Excerpt(b.Body, 60)}")), Verdict.Warn);
    }

    private static bool HasMessage(string? body)
    {
        try
        {
            return JsonNode.Parse(body ?? "") is JsonObject obj && obj["message"] is JsonValue v && v.TryGetValue(out string? _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>A call the forged step-19 row stands for (a non-admin's token with ADMIN under another client).</summary>
    public static CatalogueCall ForgedAdminRow(CatalogueCall adminOnly) =>
        (adminOnly ?? throw new ArgumentNullException(nameof(adminOnly))) with
        {
            Title = $"{adminOnly.Method} {adminOnly.Path} with ADMIN only under another client's resource_access",
            Rule = "Pbench server: roles = resource_access[<audience>].roles",
            Expect = 403,
        };
}
