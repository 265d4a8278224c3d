namespace PbenchAuthSpec.SpecTests.Reports.Ci;

/// <summary>
/// How long each step took, read from the run's own timeline: every exchange lasts until the next
/// one starts, and that span goes to the step(s) it plays (half each when its request and its
/// response are two steps). A step with no exchange took no time and starts where the one before it did.
/// </summary>
public static class StepDurations
{
    public static IReadOnlyDictionary<int, (DateTimeOffset Start, TimeSpan Duration)> Of(SpecReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var hops = report.Trace.OrderBy(h => h.Time).ThenBy(h => h.Id).ToList();
        var spans = new Dictionary<int, TimeSpan>();
        var starts = new Dictionary<int, DateTimeOffset>();
        for (var i = 0; i < hops.Count; i++)
        {
            var h = hops[i];
            var span = i + 1 < hops.Count ? hops[i + 1].Time - h.Time : TimeSpan.Zero;
            int[] steps = [.. new[] { h.RequestStep, h.ResponseStep }.OfType<int>().Distinct()];
            foreach (var step in steps)
            {
                spans[step] = spans.GetValueOrDefault(step) + span / steps.Length;
                starts.TryAdd(step, h.Time);
            }
        }

        var result = new Dictionary<int, (DateTimeOffset, TimeSpan)>();
        var previous = report.StartedAt;
        foreach (var step in report.Steps.Select(s => s.Step))
        {
            var start = starts.GetValueOrDefault(step, previous);
            result[step] = (start, spans.GetValueOrDefault(step));
            previous = start;
        }

        return result;
    }
}
