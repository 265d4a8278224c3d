namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>
/// The forbidden matrix sends requests that change data (a non-owner's DELETE, an owner change): a
/// buggy target carries them out. Such a success is reported as a <see cref="RunChange"/> (what,
/// by which request, so the operator can restore it), and the later rows that touch the same
/// resource are not judged when they fail: their failure (e.g. 404, the dataset is gone) is the
/// change's, not a second finding.
/// </summary>
public static class DataChanges
{
    private static readonly string[] ReadMethods = ["GET", "HEAD", "OPTIONS"];

    /// <summary>The outcomes (later ones marked <see cref="CallOutcome.AfterChange"/>) and the changes, for rows whose check ids are <c>{prefix}{index + 1}</c>.</summary>
    public static (IReadOnlyList<CallOutcome> Outcomes, IReadOnlyList<RunChange> Changes) Follow(IReadOnlyList<CallOutcome> outcomes, string prefix)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var changes = new List<(string Resource, RunChange Change)>();
        var marked = new List<CallOutcome>();
        for (var i = 0; i < outcomes.Count; i++)
        {
            var o = outcomes[i];
            var resource = Resource(o);
            var earlier = resource is null ? default : changes.LastOrDefault(c => Touches(resource, c.Resource));
            var failed = o.Skip is null && o.Status != o.Call.Expect;
            marked.Add(failed && earlier.Change is { } change
                ? o with { AfterChange = $"{change.What} by {change.Check} ({change.Request}), which the target wrongly allowed" }
                : o);
            if (resource is not null && IsWrongChange(o))
            {
                changes.Add((resource, Describe(o, $"{prefix}{i + 1}")));
            }
        }

        return (marked, [.. changes.Select(c => c.Change)]);
    }

    // A request meant to be refused (its row expects no 2xx) that changes data and succeeded.
    private static bool IsWrongChange(CallOutcome o) =>
        o.Status is >= 200 and < 300 && o.Call.Expect is not (>= 200 and < 300) && !ReadMethods.Contains(o.Call.Method.ToUpperInvariant());

    private static RunChange Describe(CallOutcome o, string check)
    {
        var named = o.Values.Count > 0 ? string.Join(", ", o.Values.Select(v => $"{v.Key} {v.Value}")) : Resource(o);
        var deleted = o.Call.Method.Equals("DELETE", StringComparison.OrdinalIgnoreCase);
        return new RunChange
        {
            System = "target",
            Check = check,
            What = deleted ? $"{named} deleted" : $"{named} changed",
            Request = $"{o.Label} → {o.Status}",
            Restored = false,
            Restore = deleted ? $"re-create {named} on the target" : $"set {named} back as it was before {o.Call.Method} {o.Path}",
        };
    }

    private static string? Resource(CallOutcome o) => o.Path is { } path ? Trace.Urls.WithoutQuery(path).TrimEnd('/') : null;

    private static bool Touches(string resource, string changed) =>
        resource == changed || resource.StartsWith(changed + "/", StringComparison.Ordinal);
}
