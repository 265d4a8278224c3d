using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PbenchAuthSpec.LoadGen;

/// <summary>
/// Runs Debian's wrk (C, epoll): it costs the 2-core machine far less CPU than a .NET client
/// would, so the server, not the load generator, sets the rate.
/// </summary>
public static partial class Wrk
{
    public static async Task<WrkResult> RunAsync(WrkLoad load, string scriptDirectory, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("wrk")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var threads = Math.Min(2, load.Connections);
        foreach (var argument in new[] { "-t", $"{threads}", "-c", $"{load.Connections}", "-d", $"{load.Duration.TotalSeconds:0}s", "--timeout", "10s" })
        {
            info.ArgumentList.Add(argument);
        }

        if (load.Body is not null)
        {
            info.ArgumentList.Add("-s");
            info.ArgumentList.Add(Path.Combine(scriptDirectory, "post-form.lua"));
            info.Environment["BENCH_BODY"] = load.Body;
            info.Environment["BENCH_AUTH"] = load.Authorization ?? "";
        }

        info.ArgumentList.Add(load.Url.ToString());
        using var process = Process.Start(info) ?? throw new BenchException("wrk could not be started: install it (apt-get install -y wrk).");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new BenchException($"wrk {load.Url} exited with {process.ExitCode}: {errors.Trim()}");
        }

        return Parse(output);
    }

    public static WrkResult Parse(string output)
    {
        var rate = RateLine().Match(output);
        var total = TotalLine().Match(output);
        if (!rate.Success || !total.Success)
        {
            throw new BenchException($"wrk output not understood:\n{output}");
        }

        var non2xx = Non2xxLine().Match(output);
        long socketErrors = 0;
        foreach (Match m in SocketErrorsLine().Matches(output))
        {
            socketErrors += m.Groups.Cast<Group>().Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture));
        }

        return new WrkResult(
            double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture),
            long.Parse(total.Groups[1].Value, CultureInfo.InvariantCulture),
            non2xx.Success ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            socketErrors);
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RateLine();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex TotalLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xxLine();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrorsLine();
}
