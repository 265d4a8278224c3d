using PbenchAuthSpec.SpecTests.Checks;

namespace PbenchAuthSpec.SpecTests.Reports;

/// <summary>
/// A check as text, the same in the console, JUnit, TRX and NUnit's messages: its verdict, id,
/// title and rule, what was expected and observed, the earlier finding that explains it (a skip's
/// cause) and the fix. Only observed data is ever shortened, and then at a clause or word
/// boundary; the explanation and the fix are always whole.
/// </summary>
public static class CheckLines
{
    public static string Verdict(Check check) =>
        (check ?? throw new ArgumentNullException(nameof(check))).KnownFailure is null ? check.Verdict.ToString().ToUpperInvariant() : "KNOWN";

    /// <summary>One line; <paramref name="observedMax"/> shortens the observed text (the console's view).</summary>
    public static string Line(Check check, int observedMax = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(check);
        var what = check.Verdict == Checks.Verdict.Skip
            ? Shorten(check.Observed, observedMax)
            : $"expected {check.Expected}; observed {Shorten(check.Observed, observedMax)}";
        var known = check.KnownFailure is { } reason ? $" (known failure: {reason})" : "";
        return $"{Verdict(check)} {check.Id} {check.Title} [{check.Rule}]{known}: {what}{Tail(check)}";
    }

    /// <summary>Several lines: the check, then expected, observed, cause and fix each on its own line.</summary>
    public static string Detail(Check check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var lines = new List<string> { $"{Verdict(check)} {check.Id} {check.Title} [{check.Rule}]" };
        if (check.Verdict != Checks.Verdict.Skip)
        {
            lines.Add($"  expected: {check.Expected}");
        }

        lines.Add($"  observed: {check.Observed}");
        if (check.Because is { } because)
        {
            lines.Add($"  because: {because}");
        }

        if (check.Fix is { } fix)
        {
            lines.Add($"  fix: {fix}");
        }

        return string.Join("\n", lines);
    }

    /// <summary>Why a skipped step was skipped: its checks' causes (or reasons), each once.</summary>
    public static string SkipReason(StepReport step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return string.Join("; ", step.Checks.Where(c => c.Verdict == Checks.Verdict.Skip).Select(c => c.Because ?? c.Observed).Distinct());
    }

    /// <summary>Text cut to about <paramref name="max"/> characters at a clause (<c>; </c>) or word boundary, never inside a word.</summary>
    public static string Shorten(string? text, int max)
    {
        if (text is null)
        {
            return "(none)";
        }

        if (text.Length <= max)
        {
            return text;
        }

        var clause = text.LastIndexOf("; ", max, StringComparison.Ordinal);
        var word = text.LastIndexOf(' ', max);
        var cut = clause > max / 2 ? clause : word > max / 2 ? word : max;
        return $"{text[..cut].TrimEnd(',', ';', ' ')} … (+{text.Length - cut} characters in report.json)";
    }

    private static string Tail(Check check) =>
        (check.Because is { } because ? $" — because {because}" : "") + (check.Fix is { } fix ? $" — fix: {fix}" : "");
}
