namespace PbenchAuthSpec.LoadGen;

/// <summary>
/// <c>LoadGen bench|soak|logins [options]</c>: the measuring side of <c>bench/run</c> and
/// <c>bench/soak</c>. Servers are started as separate processes on loopback.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0)
        {
            return Usage();
        }

        try
        {
            var options = BenchArguments.Parse(args.Skip(1).ToArray());
            using var cancel = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                cancel.Cancel();
            };
            return args[0] switch
            {
                "bench" => await BenchCommand.RunAsync(options, cancel.Token),
                "soak" => await SoakCommand.RunAsync(options, cancel.Token),
                _ => Usage(),
            };
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"LoadGen: {e.Message}");
            return 2;
        }
        catch (BenchException e)
        {
            await Console.Error.WriteLineAsync($"LoadGen: {e.Message}");
            return 1;
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: LoadGen bench --root DIR [--reps N] [--seconds S] [--out FILE]");
        Console.Error.WriteLine("       LoadGen soak --root DIR [--seconds S] [--workers N]");
        return 2;
    }
}
