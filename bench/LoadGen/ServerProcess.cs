using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace PbenchAuthSpec.LoadGen;

/// <summary>
/// One server under measurement, started as its own process. <see cref="ColdStart"/> is the time
/// from the process start to the first 200 from its ready URL; memory comes from /proc.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(2);

    private readonly Process _process;
    private readonly StringWriter _output = new();

    private ServerProcess(ServerLaunch launch, Process process)
    {
        Launch = launch;
        _process = process;
    }

    public ServerLaunch Launch { get; }

    public TimeSpan ColdStart { get; private set; }

    public int Id => _process.Id;

    public static async Task<ServerProcess> StartAsync(ServerLaunch launch, HttpClient http, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(launch.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = launch.WorkingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in launch.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in launch.Environment)
        {
            info.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new BenchException($"{launch.Name}: could not start {launch.FileName}.");
        var server = new ServerProcess(launch, process);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilReadyAsync(http, clock, cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>VmHWM: the peak resident set size of the process so far, in KiB.</summary>
    public long PeakResidentKib() => ReadStatusKib("VmHWM");

    /// <summary>VmRSS: the resident set size now, in KiB.</summary>
    public long ResidentKib() => ReadStatusKib("VmRSS");

    public string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                await Console.Error.WriteLineAsync($"LoadGen: {Launch.Name} (pid {_process.Id}) did not exit within 10 s of SIGKILL.");
            }
        }

        _process.Dispose();
        await _output.DisposeAsync();
    }

    private async Task WaitUntilReadyAsync(HttpClient http, Stopwatch clock, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_process.HasExited)
            {
                throw new BenchException($"{Launch.Name} exited with {_process.ExitCode} before it served {Launch.ReadyUrl}:\n{Output()}");
            }

            if (clock.Elapsed > StartLimit)
            {
                throw new BenchException($"{Launch.Name} did not serve 200 from {Launch.ReadyUrl} within {StartLimit.TotalSeconds} s:\n{Output()}");
            }

            if (await IsReadyAsync(http, cancellationToken))
            {
                ColdStart = clock.Elapsed;
                return;
            }

            // Polling is the only way to see the first 200 from outside the process.
            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private async Task<bool> IsReadyAsync(HttpClient http, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(Launch.ReadyUrl, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException || e.HttpRequestError == HttpRequestError.ConnectionError)
        {
            return false;
        }
    }

    private long ReadStatusKib(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                var digits = new string(line.AsSpan(field.Length + 1).Trim().ToString().TakeWhile(char.IsAsciiDigit).ToArray());
                return long.Parse(digits, CultureInfo.InvariantCulture);
            }
        }

        throw new BenchException($"{Launch.Name}: /proc/{_process.Id}/status has no {field}.");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            // Bounded: a server that logs every request must not grow the driver's memory.
            if (_output.GetStringBuilder().Length < 64 * 1024)
            {
                _output.WriteLine(line);
            }
        }
    }
}
