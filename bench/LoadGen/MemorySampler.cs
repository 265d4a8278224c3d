namespace PbenchAuthSpec.LoadGen;

/// <summary>Resident memory of the soaked servers, sampled once a second (MiB).</summary>
public sealed class MemorySampler(IReadOnlyList<ServerProcess> servers)
{
    private readonly List<(double Seconds, double[] Mib)> _samples = [];

    public IReadOnlyList<(double Seconds, double[] Mib)> Samples => _samples;

    public double[] Now() => servers.Select(s => s.ResidentKib() / 1024.0).ToArray();

    public async Task RunAsync(TimeSpan until, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var start = DateTime.UtcNow;
        while (DateTime.UtcNow - start < until && await timer.WaitForNextTickAsync(cancellationToken))
        {
            lock (_samples)
            {
                _samples.Add(((DateTime.UtcNow - start).TotalSeconds, Now()));
            }
        }
    }
}
