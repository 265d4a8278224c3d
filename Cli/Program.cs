namespace PbenchAuthSpec.Cli;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0)
        {
            await Console.Error.WriteLineAsync("usage: pbench-auth-spec serve [--json] | defects");
            return 2;
        }

        await Console.Error.WriteLineAsync($"pbench-auth-spec {args[0]}: not built yet.");
        return 2;
    }
}
