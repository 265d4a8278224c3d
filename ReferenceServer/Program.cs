namespace PbenchAuthSpec.ReferenceServer;

public static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("ReferenceServer: not built yet.");
        return 2;
    }
}
