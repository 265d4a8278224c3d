using System.Globalization;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>
/// One check as the spec declares it, before anything is observed: its stable id, the rule it
/// enforces, its title, what it expects and its verdict policy. Each step's file declares its
/// rules; a run judges them (<see cref="Judge"/>, <see cref="Give"/>, <see cref="Skip"/>) and
/// docs/checks.md is generated from the same declarations (<see cref="CheckRegistry"/>), so a
/// rule's text lives in one place.
/// </summary>
/// <param name="Id">The stable id (<see cref="CheckIds"/>); a family's pattern has <c>{n}</c> (<see cref="Of"/>).</param>
/// <param name="Rule">The clause it enforces, e.g. <c>RFC 6749 §4.1.2</c>.</param>
/// <param name="Title">What it checks, in a few words.</param>
public sealed record CheckRule(string Id, string Rule, string Title)
{
    /// <summary>What the check expects, as the report and the docs show it (a call may give the run's exact value).</summary>
    public string Expected { get; init; } = "";

    /// <summary>The verdict when the rule is not met: fail, or warn for what the spec recommends only.</summary>
    public Verdict Otherwise { get; init; } = Verdict.Fail;

    /// <summary>The policy in words when the verdict is more than pass-or-<see cref="Otherwise"/> (e.g. warn when missing, fail when wrong).</summary>
    public string? Policy { get; init; }

    /// <summary>When the check is a skip instead (also the default reason of <see cref="Skip"/>).</summary>
    public string? SkipWhen { get; init; }

    /// <summary>The check is only ever a skip (it marks a step nothing judged).</summary>
    public bool SkipOnly { get; init; }

    /// <summary>The diagram step, from the id (<c>s16.at.alg</c> → 16); 0 for a family of every step (<c>s{n}.observed</c>).</summary>
    public int Step =>
        int.TryParse(Id.AsSpan(1, Id.IndexOf('.', StringComparison.Ordinal) - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var step) ? step : 0;

    /// <summary>Whether this is a family of ids (<c>s{n}.observed</c>, <c>s18.{n}</c>) rather than one id.</summary>
    public bool IsFamily => Id.Contains("{n}", StringComparison.Ordinal);

    /// <summary>The verdict policy as the docs state it.</summary>
    public string PolicyText =>
        SkipOnly ? $"always a skip, when {SkipWhen}"
        : (Policy ?? $"pass when met, else {Name(Otherwise)}") + (SkipWhen is { } s ? $"; skip when {s}" : "");

    /// <summary>One member of a family: <c>{n}</c> replaced by <paramref name="n"/> in the id, rule and title.</summary>
    public CheckRule Of(int n)
    {
        var text = n.ToString(CultureInfo.InvariantCulture);
        return this with
        {
            Id = Id.Replace("{n}", text, StringComparison.Ordinal),
            Rule = Rule.Replace("{n}", text, StringComparison.Ordinal),
            Title = Title.Replace("{n}", text, StringComparison.Ordinal),
        };
    }

    /// <summary>Pass when <paramref name="ok"/>, else <see cref="Otherwise"/>.</summary>
    public Check Judge(bool ok, string observed, string? expected = null, string? title = null) =>
        Give(ok ? Verdict.Pass : Otherwise, observed, expected, title);

    /// <summary>A verdict the caller worked out by the rule's <see cref="Policy"/>.</summary>
    public Check Give(Verdict verdict, string observed, string? expected = null, string? title = null) =>
        new()
        {
            Step = Step,
            Id = Id,
            Rule = Rule,
            Title = title ?? Title,
            Verdict = verdict,
            Expected = expected ?? Expected,
            Observed = observed,
        };

    /// <summary>A skip, with why (by default <see cref="SkipWhen"/>).</summary>
    public Check Skip(string? reason = null, string? title = null) =>
        new() { Step = Step, Id = Id, Rule = Rule, Title = title ?? Title, Verdict = Verdict.Skip, Observed = reason ?? SkipWhen ?? "" };

    private static string Name(Verdict v) => v.ToString().ToLowerInvariant();
}
