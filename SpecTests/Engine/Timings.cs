using System.Diagnostics;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>Where a run's wall time went, by phase (milliseconds), for report.json's <c>timings</c>.</summary>
public sealed class Timings(TimeProvider clock)
{
    private readonly Dictionary<string, long> _phases = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly long _start = clock.GetTimestamp();

    public async Task<T> MeasureAsync<T>(string phase, Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var start = clock.GetTimestamp();
        try
        {
            return await work();
        }
        finally
        {
            Add(phase, start);
        }
    }

    public async Task MeasureAsync(string phase, Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var start = clock.GetTimestamp();
        try
        {
            await work();
        }
        finally
        {
            Add(phase, start);
        }
    }

    public IReadOnlyDictionary<string, long> Snapshot()
    {
        lock (_gate)
        {
            return new Dictionary<string, long>(_phases) { ["total"] = (long)clock.GetElapsedTime(_start).TotalMilliseconds };
        }
    }

    private void Add(string phase, long start)
    {
        var ms = (long)clock.GetElapsedTime(start).TotalMilliseconds;
        // Phases may overlap (the stand-ins start while the browser does).
        lock (_gate)
        {
            _phases[phase] = _phases.GetValueOrDefault(phase) + ms;
        }

        Debug.Assert(ms >= 0, "time runs forward");
    }
}
