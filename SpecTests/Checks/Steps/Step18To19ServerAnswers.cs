using System.Text.Json;
using System.Text.Json.Nodes;
using PbenchAuthSpec.SpecTests.Catalogue;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>Steps 18 and 19: the catalogue's restricted calls with real tokens; the forbidden matrix.</summary>
public static class Step18To19ServerAnswers
{
    /// <summary>The catalogue's step18 rows, numbered from 1; rule and title come from the row.</summary>
    internal static readonly CheckRule Step18Row = new("s18.{n}", "Diagram step 18", "the catalogue's nth step18 row → its expected status")
    {
        Expected = "the row's status (200) for the row's user",
    };

    /// <summary>Judged after the refresh (<see cref="Step16Lifecycle"/>): step 18's first call again, with the refreshed token.</summary>
    internal static readonly CheckRule Refreshed = new("s18.refreshed", "RFC 6749 §6", "the refreshed access token passes step 18")
    {
        Expected = "step 18's status for the call",
    };

    /// <summary>The catalogue's step19 rows, then its forgeAdminRole rows numbered after them.</summary>
    internal static readonly CheckRule Step19Row = new(
        "s19.{n}", "Diagram step 19, forbidden matrix", "the catalogue's nth step19 row → its expected status")
    {
        Expected = "the row's status (403) for the row's user",
        Policy = "pass when the status is the row's, else fail; a skip when a data change the run made explains the failure",
    };

    internal static readonly CheckRule WwwAuthenticate = new(
        "s19.www-authenticate", "RFC 6750 §3.1", "403 responses carry WWW-Authenticate: Bearer error=\"insufficient_scope\"")
    {
        Expected = "WWW-Authenticate: Bearer error=\"insufficient_scope\"",
        Otherwise = Verdict.Warn,
    };
    internal static readonly CheckRule MessageBodyRule = new(
        "s19.message-body", "Pbench server error bodies", "403 bodies are {\"message\": \"...\"}")
    {
        Expected = "{\"message\": \"...\"}",
        Otherwise = Verdict.Warn,
    };

    public static IEnumerable<Check> Step18(IReadOnlyList<CallOutcome> outcomes, Step17TokenCheck cascade)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(cascade);
        return outcomes.Select((o, i) => Row(Step18Row.Of(i + 1), o, cascade).InPhase("matrix"));
    }

    public static IEnumerable<Check> Step19(IReadOnlyList<CallOutcome> outcomes, Step17TokenCheck cascade, string profile)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(cascade);
        var checks = outcomes.Select((o, i) => Row(Step19Row.Of(i + 1), o, cascade)).ToList();
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

    private static Check Row(CheckRule row, CallOutcome o, Step17TokenCheck cascade)
    {
        var title = $"{o.Call.Rule ?? o.Call.Describe()} → {o.Call.Expect}";
        if (o.Skip is { } skip)
        {
            return cascade.Apply(row.Skip(skip, title), o);
        }

        var rule = row with { Rule = o.Call.Rule is null ? row.Rule : $"{row.Rule}: {o.Call.Rule}", Title = title };
        var check = rule.Judge(o.Status == o.Call.Expect, o.Observed, expected: $"{o.Call.Expect} for {o.Label}").WithExchanges(o.ExchangeId);
        return o.AfterChange is { } change && check.Verdict == Verdict.Fail
            ? check with { Verdict = Verdict.Skip, Observed = $"{o.Observed} — not judged: {change}" }
            : cascade.Apply(check, o);
    }

    // RFC 6750 §3.1: a 403 for a valid token without the right SHOULD say insufficient_scope.
    private static Check InsufficientScope(List<CallOutcome> forbidden)
    {
        var missing = forbidden.Where(o => !(o.WwwAuthenticate?.Contains("insufficient_scope", StringComparison.Ordinal) ?? false)).ToList();
        return WwwAuthenticate.Judge(missing.Count == 0,
            missing.Count == 0 ? "present on every 403" : $"missing on: {string.Join("; ", missing.Select(m => $"{m.Label} ({m.WwwAuthenticate ?? "no header"})"))}")
            .WithExchanges([.. forbidden.Select(f => f.ExchangeId)]);
    }

    // The real Pbench server: error bodies are {"message": "..."}.
    private static Check MessageBody(List<CallOutcome> forbidden)
    {
        var bad = forbidden.Where(o => !HasMessage(o.Body)).ToList();
        return MessageBodyRule.Judge(bad.Count == 0,
            bad.Count == 0 ? "every 403 has a message" : string.Join("; ", bad.Select(b => $"{b.Label}: {Steps.Excerpt(b.Body, 60)}")));
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
